"""What the consent banner needs: the trackers that ask for consent, the banner HTML, the table.

Everything here is built from the site's settings only, never from the visitor: the output is
cached and shared by every visitor, and the browser (``consent.js``) reads the visitor's choice from
the consent cookie.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.providers import get_providers
from wagtail_tracking.providers.base import ConsentMode
from wagtail_tracking.providers.elements import NONCE
from wagtail_tracking.providers.emissions import load_settings, site_emissions

from .models import ConsentBannerSettings
from .policy import policy_address
from .wording import resolved_texts


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
    from wagtail.models import Site

    from wagtail_tracking.providers.base import BaseProvider, Cookie
    from wagtail_tracking.providers.elements import Emission


SCRIPT_PATH = "wagtail_tracking/js/consent.js"
#: URL name of the beacon endpoint (``consent.urls``, included by the project).
BEACON_URL_NAME = "wagtail_tracking_consent_beacon"
STYLESHEET_PATH = "wagtail_tracking/css/consent.css"
BANNER_ELEMENT_ID = "wagtail-tracking-consent"

#: Modes in which a tracker needs the banner: to ask for consent, or to offer the opt-out.
ASKING_MODES = frozenset({ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.CONSENT_MODE})

#: By the modes' values (a ``ConsentMode`` is its value): ``ActiveTracker.mode`` is a string.
MODE_NOTES: Mapping[str, StrOrPromise] = {
    ConsentMode.REQUIRE: _("Runs only if you accept."),
    ConsentMode.EXEMPT: _(
        "Measures audience anonymously without consent (CNIL exemption). Tick to accept "
        "full measurement; refusing all also stops the anonymous measurement."
    ),
    ConsentMode.CONSENT_MODE: _(
        "Loads without storing cookies (Google Consent Mode); stores them only if you accept."
    ),
    ConsentMode.NONE: _("Needs no consent: sets no identifying cookie."),
}


@dataclass(frozen=True)
class ActiveTracker:
    """One tracker switched on for the site, as visitors are told about it."""

    slug: str
    name: str
    purpose: str
    mode: str
    cookies: tuple[Cookie, ...]
    #: Who receives the data, and the vendor's privacy policy (the provider's declarations).
    recipient: str = ""
    privacy_policy_url: str = ""

    @property
    def asks(self) -> bool:
        return self.mode in ASKING_MODES

    @property
    def mode_note(self) -> str:
        return str(MODE_NOTES.get(self.mode, ""))

    @property
    def cookie_names(self) -> list[str]:
        return [cookie.name for cookie in self.cookies]

    @property
    def cookie_rows(self) -> list[tuple[str, str]]:
        """Each cookie with the lifetime its provider declares, in the active language."""
        return [
            (cookie.name, str(cookie.lifetime or _("set by the vendor"))) for cookie in self.cookies
        ]


def describe(slug: str, provider: BaseProvider, emission: Emission) -> ActiveTracker:
    return ActiveTracker(
        slug=slug,
        name=str(provider.name),
        purpose=str(provider.purpose),
        mode=str(emission.config.get("consent", ConsentMode.REQUIRE)),
        cookies=provider.cookies,
        recipient=str(provider.recipient),
        privacy_policy_url=provider.privacy_policy_url,
    )


def consent_version(trackers: list[ActiveTracker]) -> str:
    """Changes whenever the set of trackers that ask (or their modes) changes: visitors are asked again."""
    seed = "|".join(sorted(f"{t.slug}:{t.mode}" for t in trackers if t.asks))
    return hashlib.sha256(seed.encode()).hexdigest()[:10]


def load_banner_settings(site: Site) -> ConsentBannerSettings:
    """The site's banner settings row, without creating one (rendering never writes)."""
    return ConsentBannerSettings.objects.filter(site=site).first() or ConsentBannerSettings(
        site=site
    )


def banner_wanted(banner_settings: ConsentBannerSettings) -> bool:
    return bool(tracking_settings.CONSENT_BANNER) and bool(banner_settings.show_banner)


def max_age_seconds() -> int:
    days = tracking_settings.CONSENT_COOKIE_MAX_AGE_DAYS
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 395:
        days = 395  # reported by checks E051/E052
    return days * 24 * 3600


@dataclass(frozen=True)
class ConsentParts:
    """The banner's contributions to a site's cached output."""

    config: dict[str, Any]
    head: Sequence[str]
    body: Sequence[str]


def build_consent_parts(site: Site, trackers: list[ActiveTracker]) -> ConsentParts | None:
    """The banner's config, assets and HTML, or None when no tracker asks or the banner is off."""
    asking = [t for t in trackers if t.asks]
    if not asking:
        return None
    banner_settings = load_banner_settings(site)
    if not banner_wanted(banner_settings):
        return None
    config: dict[str, Any] = {
        "cookie": tracking_settings.CONSENT_COOKIE_NAME,
        "maxAge": max_age_seconds(),
        "version": consent_version(trackers),
        "dnt": bool(banner_settings.honour_do_not_track),
        "providers": {t.slug: {"mode": t.mode, "cookies": t.cookie_names} for t in asking},
    }
    config.update(beacon_config(banner_settings, asking))
    head = [
        format_html('<link rel="stylesheet" href="{}">', static(STYLESHEET_PATH)),
        format_html('<script src="{}"{}></script>', static(SCRIPT_PATH), NONCE),
    ]
    body = [render_banner(banner_settings, asking)]
    return ConsentParts(config=config, head=head, body=body)


def banner_snapshot(
    banner_settings: ConsentBannerSettings, asking: list[ActiveTracker]
) -> dict[str, Any]:
    """Exactly what the banner shows in the active language: kept with each consent receipt."""
    return {
        "language": (get_language() or "").lower(),
        "texts": banner_texts(banner_settings),
        "policy_url": policy_address(banner_settings),
        "tools": [
            {
                "slug": t.slug,
                "name": t.name,
                "purpose": t.purpose,
                "mode": t.mode,
                "note": t.mode_note,
                "cookies": t.cookie_names,
            }
            for t in asking
        ],
    }


def snapshot_digest(snapshot: dict[str, Any]) -> str:
    """Changes whenever a text, a tool or a consent mode of the banner changes."""
    text = json.dumps(snapshot, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def beacon_config(
    banner_settings: ConsentBannerSettings, asking: list[ActiveTracker]
) -> dict[str, Any]:
    """The beacon's address and what it reports, when statistics or receipts are on."""
    if not (tracking_settings.CONSENT_STATISTICS or tracking_settings.CONSENT_RECEIPTS):
        return {}
    try:
        url = reverse(BEACON_URL_NAME)
    except NoReverseMatch:  # the project did not include consent.urls: reported by check W056
        return {}
    snapshot = banner_snapshot(banner_settings, asking)
    return {
        "beacon": url,
        "banner": snapshot_digest(snapshot),
        "lang": snapshot["language"],
        "receipts": bool(tracking_settings.CONSENT_RECEIPTS),
    }


def banner_texts(banner_settings: ConsentBannerSettings) -> dict[str, str]:
    """Editors' wording for the active language, or the translated default for each empty field."""
    return resolved_texts(banner_settings)


def render_banner(banner_settings: ConsentBannerSettings, asking: list[ActiveTracker]) -> str:
    return render_to_string(
        "wagtail_tracking/consent/banner.html",
        {
            "element_id": BANNER_ELEMENT_ID,
            "texts": banner_texts(banner_settings),
            "policy_url": policy_address(banner_settings),
            "trackers": asking,
        },
    )


def preview_markup(banner_settings: ConsentBannerSettings) -> tuple[str, bool]:
    """The banner's HTML for the settings screen's preview, and whether any tracker asks (the
    preview lists the site's asking trackers; with none, visitors see no banner)."""
    site = banner_settings.site if banner_settings.site_id else None
    asking = [t for t in active_trackers(site) if t.asks] if site is not None else []
    return render_banner(banner_settings, asking), bool(asking)


def active_trackers(site: Site) -> list[ActiveTracker]:
    """The trackers the site emits, read from its settings (for the cookie table).

    A failing tracker is left out, as the page's tags leave it out.
    """
    providers = get_providers()
    emissions = site_emissions(load_settings(site), site=site, quiet=True)
    return [describe(slug, providers[slug], emission) for slug, emission in emissions.items()]


def lifetime_in_words(days: int) -> str:
    """A lifetime in the unit the vendors' lifetimes use ("13 months", "2 years"), so the consent
    cookie's row reads like the others; in days when no whole month or year fits."""
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    months = round(days * 12 / 365)
    if months and abs(months * 365 / 12 - days) < 1:
        return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}
    return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


def render_cookie_table(site: Site | None) -> str:
    trackers = active_trackers(site) if site is not None else []
    days = max_age_seconds() // (24 * 3600)
    consent_row = None
    if (
        site is not None
        and any(t.asks for t in trackers)
        and banner_wanted(load_banner_settings(site))
    ):
        consent_row = (tracking_settings.CONSENT_COOKIE_NAME, lifetime_in_words(days))
    return render_to_string(
        "wagtail_tracking/consent/cookie_table.html",
        {"trackers": trackers, "consent_row": consent_row},
    )


def render_consent_link(label: str | None = None, css_class: str = "") -> str:
    """A button that reopens the banner; hidden until ``consent.js`` finds a banner to open."""
    return render_to_string(
        "wagtail_tracking/consent/link.html",
        {"label": label or _("Cookie settings"), "css_class": css_class},
    )
