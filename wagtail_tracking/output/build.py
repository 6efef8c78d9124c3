"""Compose a site's tracker HTML: the loader's configuration, the consent banner, the vendors' scripts.

The HTML of a site is the same for every visitor (consent is resolved in the browser), so it is
built from the site's settings only and cached by ``output.cache``; the CSP nonce, which differs
per request, is left as a placeholder that splits the HTML into pieces.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail_tracking.consent.banner import ConsentParts, build_consent_parts, describe
from wagtail_tracking.providers import get_providers
from wagtail_tracking.providers.base import ConsentMode
from wagtail_tracking.providers.elements import NONCE, Emission, render_noscript_pixel
from wagtail_tracking.providers.emissions import site_emissions


if TYPE_CHECKING:
    from wagtail.models import Site

    from wagtail_tracking.providers.base import ProviderSettings
    from wagtail_tracking.providers.models import TrackingProviderSettings


logger = logging.getLogger("wagtail_tracking.output")

CONFIG_ELEMENT_ID = "wagtail-tracking-config"
LOADER_PATH = "wagtail_tracking/js/tracking.js"
# Modes in which the vendor's scripts load with the page; in the others they start inert.
ACTIVE_MODES = frozenset({ConsentMode.NONE, ConsentMode.CONSENT_MODE})
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class SiteOutput:
    """A site's tracker HTML for each slot, as the pieces between nonce attributes."""

    head: tuple[str, ...]
    body: tuple[str, ...]

    def render(self, slot: str, nonce: str | None) -> str:
        parts = self.head if slot == "head" else self.body
        if len(parts) == 1:
            return parts[0]
        return (format_html(' nonce="{}"', nonce) if nonce else "").join(parts)


EMPTY_OUTPUT = SiteOutput(head=("",), body=("",))


def build_site_output(settings: ProviderSettings, *, site: Site) -> SiteOutput:
    """Render every allowed provider for ``site`` from its settings row; never raises for one."""
    emissions = site_emissions(settings, site=site)
    if not emissions:
        return EMPTY_OUTPUT
    consent = _consent_parts(site, emissions)
    loader_config: dict[str, Any] = {"providers": {s: e.config for s, e in emissions.items()}}
    if consent is not None:
        loader_config["consent"] = consent.config
    head = [
        format_html(
            '<script id="{}" type="application/json"{}>{}</script>',
            CONFIG_ELEMENT_ID,
            NONCE,
            mark_safe(json_for_script(loader_config)),  # noqa: S308
        ),
        *(
            adapter.render(slug, active=True)
            for slug, e in emissions.items()
            for adapter in e.adapters
        ),
        # The banner's script runs before the loader: it hands over the stored choice.
        *(consent.head if consent is not None else ()),
        format_html('<script src="{}"{}></script>', static(LOADER_PATH), NONCE),
    ]
    body = list(consent.body) if consent is not None else []
    for slug, emission in emissions.items():
        active = emission.config.get("consent") in ACTIVE_MODES
        head.extend(script.render(slug, active=active) for script in emission.head)
        body.extend(script.render(slug, active=active) for script in emission.body)
        if active and emission.noscript_pixel and emission.config.get("consent") == "none":
            body.append(render_noscript_pixel(emission.noscript_pixel))
    return SiteOutput(
        head=tuple("\n".join(head).split(NONCE)), body=tuple("\n".join(body).split(NONCE))
    )


def _consent_parts(site: Site, emissions: dict[str, Emission]) -> ConsentParts | None:
    """The consent banner's share of the output; a failure there never drops the trackers."""
    providers = get_providers()
    try:
        trackers = [describe(slug, providers[slug], e) for slug, e in emissions.items()]
        return build_consent_parts(site, trackers)
    except Exception:
        logger.exception("wagtail_tracking: the consent banner failed for site %r.", site)
        return None


def json_for_script(value: Any) -> str:
    """JSON that cannot close its ``<script>`` element, as Django's ``json_script`` writes it."""
    return json.dumps(value, cls=DjangoJSONEncoder, separators=(",", ":")).translate(_JSON_ESCAPES)


def preview_html(settings: TrackingProviderSettings) -> str:
    """The exact HTML the tags emit for ``settings``' site, for the admin panel (no nonce)."""
    output = build_site_output(settings, site=settings.site)
    return "\n".join(filter(None, (output.render("head", None), output.render("body", None))))
