"""Universal Analytics (analytics.js), kept for sites that still carry a UA- ID.

Google stopped processing standard UA data on 1 July 2023; the admin tab says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from .base import BaseProvider, ConsentMode, Cookie, Introduction
from .elements import Emission, Script
from .fields import TextField
from .validators import vendor_format


validate_ua_tracking_id = vendor_format(
    r"^UA-\d{1,12}-\d{1,4}\Z",
    _("Enter a Universal Analytics tracking ID: UA-, digits, a dash and digits, e.g. UA-12345-1."),
    "invalid_ua_tracking_id",
)


class UniversalAnalyticsProvider(BaseProvider):
    """Google's asynchronous analytics.js tag; the loader creates the tracker with anonymizeIp."""

    slug = "ua"
    name = _("Universal Analytics (legacy)")
    recipient = _("Google Ireland Ltd, with Google LLC (United States)")
    privacy_policy_url = "https://policies.google.com/privacy"
    fields = (
        TextField(
            "tracking_id",
            _("tracking ID"),
            help_text=_("Looks like UA-12345-1."),
            max_length=24,
            validators=(validate_ua_tracking_id,),
            required=True,
        ),
    )
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.NONE)
    introduction = Introduction(
        _(
            "A UA tag sends hits nobody will see. Create a Google Analytics 4 property and use "
            "the Google Analytics 4 tab instead; keep this only while you migrate."
        ),
        _("Google's announcement"),
        "https://support.google.com/analytics/answer/11583528",
        warning=_("Google stopped processing Universal Analytics data on 1 July 2023."),
    )
    cookies = (
        Cookie("_ga", _("2 years")),
        Cookie("_gid", _("24 hours")),
        Cookie("_gat*", _("1 minute")),
    )
    hosts = ("www.google-analytics.com",)

    def build(self, values: Mapping[str, Any], *, mode: ConsentMode, **context: Any) -> Emission:
        return Emission(
            config={"consent": mode, "trackingId": values["tracking_id"]},
            head=[Script("https://www.google-analytics.com/analytics.js", (("async", True),))],
        )
