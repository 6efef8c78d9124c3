"""Matomo: the JavaScript tracker, or a Matomo Tag Manager container.

Matomo's queue is ``window._paq``; Piano's SDK is always moved to its own queue (see piano.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .base import BaseProvider, ConsentMode, Cookie, Introduction
from .elements import Emission, Script
from .fields import CheckboxField, TextField
from .validators import validate_site_number, vendor_format


validate_matomo_url = vendor_format(
    r"^https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*"
    r"(:\d{1,5})?(/[A-Za-z0-9._~-]+)*/?\Z",
    _(
        "Enter the address of your Matomo with https:// and no query string, "
        "e.g. https://analytics.example.com/ or https://example.matomo.cloud/."
    ),
    "invalid_matomo_url",
)
validate_matomo_container_id = vendor_format(
    r"^[A-Za-z0-9]{8}\Z",
    _("Enter the 8-character container ID from Matomo Tag Manager, e.g. EPPlG1eo."),
    "invalid_matomo_container_id",
)


class MatomoProvider(BaseProvider):
    slug = "matomo"
    name = _("Matomo")
    recipient = _(
        "The operator of this site's Matomo server (the site itself, or InnoCraft for Matomo Cloud)"
    )
    privacy_policy_url = "https://matomo.org/privacy-policy/"
    fields = (
        TextField(
            "url",
            _("site URL (tracker URL)"),
            help_text=_("The address of your Matomo, e.g. https://analytics.example.com/."),
            validators=(validate_matomo_url,),
            required=True,
        ),
        TextField(
            "site_id",
            _("site ID"),
            help_text=_("Digits only, e.g. 1."),
            max_length=12,
            validators=(validate_site_number,),
        ),
        CheckboxField(
            "disable_cookies",
            _("cookieless measurement"),
            help_text=_("Measure without setting any cookie (Matomo's disableCookies)."),
        ),
        TextField(
            "container_id",
            _("Tag Manager container ID"),
            help_text=_(
                "Optional. When set, the Tag Manager container is loaded instead of the tracker "
                "(configure the tracker inside the container), e.g. EPPlG1eo."
            ),
            max_length=8,
            validators=(validate_matomo_container_id,),
        ),
    )
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE)
    introduction = Introduction(
        _(
            "In Matomo: Administration › Websites › Manage shows each site's ID; the site URL is "
            "the address you open Matomo at. For the CNIL exemption, follow Matomo's guide."
        ),
        _("Matomo's CNIL guide"),
        "https://matomo.org/faq/how-do-i-configure-matomo-without-tracking-consent-for-french-"
        "visitors-cnil-exemption",
    )
    cookies = (
        Cookie("_pk_id*", _("13 months")),
        Cookie("_pk_ses*", _("30 minutes")),
        Cookie("_pk_ref*", _("6 months")),
        Cookie("_pk_cvar*", _("30 minutes")),
        Cookie("_pk_hsr*", _("30 minutes")),
        Cookie("mtm_consent*"),
    )

    def clean(self, values: Mapping[str, Any]) -> None:
        if not values["site_id"] and not values["container_id"]:
            message = _(
                "Required when Matomo is enabled, unless a Tag Manager container ID is set."
            )
            raise ValidationError({"site_id": ValidationError(message, code="required")})

    def build(self, values: Mapping[str, Any], *, mode: ConsentMode, **context: Any) -> Emission:
        url = values["url"] if values["url"].endswith("/") else values["url"] + "/"
        container_id = values["container_id"]
        pixel = None
        if container_id:
            script = Script(f"{url}js/container_{container_id}.js", (("async", True),))
        else:
            script = Script(f"{url}matomo.js", (("async", True),))
            if mode == ConsentMode.NONE:
                pixel = f"{url}matomo.php?idsite={values['site_id']}&rec=1"
        return Emission(
            config={
                "consent": mode,
                "url": url,
                "siteId": int(values["site_id"]) if values["site_id"] else None,
                "disableCookies": values["disable_cookies"],
                "containerId": container_id or None,
            },
            head=[script],
            noscript_pixel=pixel,
        )
