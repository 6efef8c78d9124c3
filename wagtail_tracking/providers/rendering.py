"""Build, cache and serve the tracker HTML of each site.

The HTML of a site is the same for every visitor (consent is resolved in the browser), so it is
built once and kept in Django's cache, split around the CSP nonce, which differs per request. A
version token stored in the same cache is replaced whenever tracker settings or sites change, so
every web process sharing the cache sees the change on its next render; no process keeps state.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail_tracking import __version__
from wagtail_tracking.conf import tracking_settings

from . import get_providers, is_provider_allowed, provider_options
from .base import NONCE, ConsentMode, Emission, ProviderMisconfigured, render_noscript_pixel


logger = logging.getLogger("wagtail_tracking.providers")

# Short keys: Django checks every character of a key on each cache access.
CACHE_PREFIX = "wtp"
VERSION_KEY = f"{CACHE_PREFIX}:v"
REQUEST_ATTRIBUTE = "_wagtail_tracking_output"
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


def site_emissions(settings, *, site, quiet: bool = False) -> dict[str, Emission]:
    """What each allowed provider emits for ``site``; a failing provider is left out and logged
    (as a warning for the page's tags, at debug level when ``quiet``), never raised."""
    emissions: dict[str, Emission] = {}
    for slug, provider in get_providers().items():
        if not is_provider_allowed(slug):
            continue
        try:
            emission = provider.get_emission(
                settings, site=site, options=provider_options(slug).get("OPTIONS", {})
            )
        except Exception as error:
            if quiet:
                logger.debug("wagtail_tracking: %s left out for site %r: %s", slug, site, error)
            elif isinstance(error, ProviderMisconfigured):
                logger.warning(
                    "wagtail_tracking: %s is enabled for site %r but misconfigured (%s); "
                    "it emits nothing.",
                    slug,
                    str(site),
                    error,
                )
            else:
                logger.exception(
                    "wagtail_tracking: %s failed for site %r; it emits nothing.", slug, site
                )
            continue
        if emission is not None:
            emissions[slug] = emission
    return emissions


def build_site_output(settings, *, site) -> SiteOutput:
    """Render every allowed provider for ``site`` from its settings row; never raises for one."""
    emissions = site_emissions(settings, site=site)
    if not emissions:
        return EMPTY_OUTPUT
    consent = _consent_parts(site, emissions)
    loader_config = {"providers": {s: e.config for s, e in emissions.items()}}
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


def _consent_parts(site, emissions: dict[str, Emission]):
    """The consent banner's share of the output; a failure there never drops the trackers."""
    from wagtail_tracking.consent.banner import build_consent_parts, describe

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


def load_settings(site):
    """The site's settings row, without creating one (rendering never writes)."""
    from wagtail_tracking.models.providers import TrackingProviderSettings

    return TrackingProviderSettings.objects.filter(site=site).first() or TrackingProviderSettings(
        site=site
    )


def _cache():
    return caches[tracking_settings.CACHE_ALIAS]


@functools.cache
def _deploy_fingerprint() -> str:
    # A new release, new static files (hashed names) or new developer settings must not reuse
    # HTML cached by the previous deployment.
    seed = f"{__version__}|{static(LOADER_PATH)}|{tracking_settings.PROVIDERS!r}"
    return hashlib.sha256(seed.encode()).hexdigest()[:12]


@receiver(setting_changed)
def _forget_fingerprint(*, setting: str, **kwargs) -> None:
    if setting in ("WAGTAIL_TRACKING", "STATIC_URL", "STORAGES", "INSTALLED_APPS"):
        _deploy_fingerprint.cache_clear()


def _host_key(request) -> str:
    # The raw Host header and port, hashed: the site is only resolved (and the host validated,
    # by Site.find_for_request) when the key is missing.
    meta = request.META
    # The language too: the consent banner's default wording is translated.
    host = (
        f"{meta.get('HTTP_HOST') or meta.get('SERVER_NAME')}|{meta.get('SERVER_PORT')}"
        f"|{get_language()}"
    )
    digest = hashlib.blake2b(host.lower().encode(), digest_size=12).hexdigest()
    return f"{CACHE_PREFIX}:{_deploy_fingerprint()}:{digest}"


def get_site_output(request) -> SiteOutput:
    """The output for the request's site: one cache round trip when warm, no database query.

    Kept on the request too, so ``{% tracking_body %}`` reuses what ``{% tracking_head %}`` read.
    """
    output = getattr(request, REQUEST_ATTRIBUTE, None)
    if output is None:
        output = _load_site_output(request)
        setattr(request, REQUEST_ATTRIBUTE, output)
    return output


def _load_site_output(request) -> SiteOutput:
    from wagtail.models import Site

    cache = _cache()
    key = _host_key(request)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    entry = found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return SiteOutput(head=entry[1], body=entry[2])
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    site = Site.find_for_request(request)
    output = EMPTY_OUTPUT if site is None else build_site_output(load_settings(site), site=site)
    # Plain tuples: the cheapest value to unpickle on every request.
    cache.set(key, (version, output.head, output.body), tracking_settings.CACHE_TIMEOUT)
    return output


def invalidate_cached_output(**kwargs) -> None:
    """Make every process rebuild every site's output on its next render.

    Done at once and again after the transaction commits, so a render racing with the save cannot
    cache the old values under the new version.
    """

    def bump():
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


def get_request_nonce(context, request) -> str | None:
    """The CSP nonce of this response: Django 6's ``csp_nonce`` or django-csp's ``request.csp_nonce``."""
    nonce = context.get("csp_nonce") or getattr(request, "csp_nonce", None)
    return str(nonce) if nonce else None


def is_editor(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def preview_html(settings) -> str:
    """The exact HTML the tags emit for ``settings``' site, for the admin panel (no nonce)."""
    output = build_site_output(settings, site=settings.site)
    return "\n".join(filter(None, (output.render("head", None), output.render("body", None))))


__all__ = [
    "SiteOutput",
    "build_site_output",
    "get_request_nonce",
    "get_site_output",
    "invalidate_cached_output",
    "json_for_script",
    "preview_html",
]
