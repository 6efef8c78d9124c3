"""Google Analytics 4 through the Google tag (gtag.js), with Google Consent Mode v2."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from django.utils.translation import gettext_lazy as _

from .base import BaseProvider, ConsentMode, Cookie, Introduction
from .elements import Emission, Script
from .fields import TextField
from .validators import vendor_format


validate_ga4_measurement_id = vendor_format(
    r"^G-[A-Z0-9]{4,20}\Z",
    _(
        "Enter a GA4 measurement ID: “G-” followed by capital letters and digits, e.g. G-ABC123XYZ9."
    ),
    "invalid_ga4_measurement_id",
)


class GoogleAnalyticsProvider(BaseProvider):
    """gtag.js in ``<head>``; the loader sets consent defaults before ``gtag('config')``."""

    slug = "ga4"
    name = _("Google Analytics 4")
    recipient = _("Google Ireland Ltd, with Google LLC (United States)")
    privacy_policy_url = "https://policies.google.com/privacy"
    fields = (
        TextField(
            "measurement_id",
            _("measurement ID"),
            help_text=_("Starts with G-, e.g. G-ABC123XYZ9."),
            max_length=24,
            validators=(validate_ga4_measurement_id,),
            required=True,
        ),
    )
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.CONSENT_MODE, ConsentMode.NONE)
    introduction = Introduction(
        _(
            "In Google Analytics: Admin › Data collection and modification › Data streams › your "
            "web stream › Measurement ID."
        ),
        _("Where to find it"),
        "https://support.google.com/analytics/answer/12270356",
    )
    cookies = (Cookie("_ga", _("2 years")), Cookie("_ga_*", _("2 years")))
    hosts = ("www.googletagmanager.com", "*.google-analytics.com", "*.analytics.google.com")

    def build(self, values: Mapping[str, Any], *, mode: ConsentMode, **context: Any) -> Emission:
        measurement_id = values["measurement_id"]
        return Emission(
            config={"consent": mode, "measurementId": measurement_id},
            head=[
                Script(
                    f"https://www.googletagmanager.com/gtag/js?id={quote(measurement_id)}",
                    (("async", True),),
                )
            ],
        )
