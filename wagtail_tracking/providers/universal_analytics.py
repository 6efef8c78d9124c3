"""Universal Analytics (analytics.js), kept for sites that still carry a UA- ID.

Google stopped processing standard UA data on 1 July 2023; the admin tab says so.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import ConsentMode, Emission, ModelFieldsProvider, Script


class UniversalAnalyticsProvider(ModelFieldsProvider):
    """Google's asynchronous analytics.js tag; the loader creates the tracker with anonymizeIp."""

    slug = "ua"
    name = _("Universal Analytics (legacy)")
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.NONE)
    cookies = ("_ga", "_gid", "_gat*")
    hosts = ("www.google-analytics.com",)
    required_fields = ("tracking_id",)

    def build(self, values, *, mode):
        return Emission(
            config={"consent": mode, "trackingId": values["tracking_id"]},
            head=[Script("https://www.google-analytics.com/analytics.js", (("async", True),))],
        )
