"""Piano Analytics (the ``piano-analytics.js`` SDK), with consent management v2.

Piano's SDK reads ``window._paq`` by default, like Matomo: the loader always gives it its own
queue (``window._pac.queueVarName``) before the SDK loads, so the two never share one.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import ConsentMode, Emission, ModelFieldsProvider, Script


class PianoAnalyticsProvider(ModelFieldsProvider):
    slug = "piano"
    name = _("Piano Analytics")
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE)
    cookies = ("pa_vid", "pa_privacy", "pa_user", "_pcid", "_pctx", "_pprv", "atuserid")
    hosts = ("tag.aticdn.net", "*.pa-cd.com")
    required_fields = ("site_id", "collect_domain")

    def build(self, values, *, mode):
        return Emission(
            config={
                "consent": mode,
                "site": int(values["site_id"]),
                "collectDomain": values["collect_domain"],
            },
            head=[Script("https://tag.aticdn.net/piano-analytics.js")],
        )
