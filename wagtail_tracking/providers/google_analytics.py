"""Google Analytics 4 through the Google tag (gtag.js), with Google Consent Mode v2."""

from __future__ import annotations

from urllib.parse import quote

from django.utils.translation import gettext_lazy as _

from .base import ConsentMode, Emission, ModelFieldsProvider, Script


class GoogleAnalyticsProvider(ModelFieldsProvider):
    """gtag.js in ``<head>``; the loader sets consent defaults before ``gtag('config')``."""

    slug = "ga4"
    name = _("Google Analytics 4")
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.CONSENT_MODE, ConsentMode.NONE)
    cookies = ("_ga", "_ga_*")
    hosts = ("www.googletagmanager.com", "*.google-analytics.com", "*.analytics.google.com")
    required_fields = ("measurement_id",)

    def build(self, values, *, mode):
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
