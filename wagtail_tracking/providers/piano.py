"""Piano Analytics (the ``piano-analytics.js`` SDK), with consent management v2.

Piano's SDK reads ``window._paq`` by default, like Matomo: the loader always gives it its own
queue (``window._pac.queueVarName``) before the SDK loads, so the two never share one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from .base import BaseProvider, ConsentMode, Cookie, Introduction
from .elements import Emission, Script
from .fields import TextField
from .validators import validate_site_number, vendor_format


validate_piano_collect_domain = vendor_format(
    r"^https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+\Z",
    _(
        "Enter the collection domain with https:// and no path, e.g. https://abcdefg.pa-cd.com "
        "(lower case)."
    ),
    "invalid_collect_domain",
)


class PianoAnalyticsProvider(BaseProvider):
    slug = "piano"
    name = _("Piano Analytics")
    recipient = _("Piano Software, France")
    privacy_policy_url = "https://piano.io/privacy-policy/"
    fields = (
        TextField(
            "site_id",
            _("site ID"),
            help_text=_("Digits only, e.g. 123456789."),
            max_length=12,
            validators=(validate_site_number,),
            required=True,
        ),
        TextField(
            "collect_domain",
            _("collection domain"),
            help_text=_("With https://, e.g. https://abcdefg.pa-cd.com."),
            validators=(validate_piano_collect_domain,),
            required=True,
        ),
    )
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE)
    introduction = Introduction(
        _(
            "In Piano Analytics: Settings › Sites gives the site ID; the collection domain is in "
            "the tagging section of the same screen."
        ),
        _("Piano Analytics set-up"),
        "https://developers.atinternet-solutions.com/piano-analytics/",
    )
    cookies = (
        Cookie("pa_vid", _("13 months")),
        Cookie("pa_privacy", _("13 months")),
        Cookie("pa_user", _("13 months")),
        Cookie("_pcid", _("13 months")),
        Cookie("_pctx", _("13 months")),
        Cookie("_pprv", _("13 months")),
        Cookie("atuserid", _("13 months")),
    )
    hosts = ("tag.aticdn.net", "*.pa-cd.com")

    def build(self, values: Mapping[str, Any], *, mode: ConsentMode, **context: Any) -> Emission:
        return Emission(
            config={
                "consent": mode,
                "site": int(values["site_id"]),
                "collectDomain": values["collect_domain"],
            },
            head=[Script("https://tag.aticdn.net/piano-analytics.js")],
        )
