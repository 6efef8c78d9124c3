"""Plausible Analytics, with the per-site script introduced in October 2025."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from .base import BaseProvider, ConsentMode, Introduction
from .elements import Emission, Script
from .fields import TextField
from .validators import vendor_format


validate_plausible_script_id = vendor_format(
    r"^pa-[A-Za-z0-9_-]{4,64}\Z",
    _(
        "Enter the script ID from Plausible's site installation page: “pa-” then letters, digits, "
        "“-” or “_”, e.g. pa-6_srOGVV9SLMWJ1ZpUAbG."
    ),
    "invalid_plausible_script_id",
)


class PlausibleProvider(BaseProvider):
    slug = "plausible"
    name = _("Plausible")
    recipient = _("Plausible Insights OÜ, Estonia (European Union)")
    privacy_policy_url = "https://plausible.io/data-policy"  # what it collects from visitors
    fields = (
        TextField(
            "script_id",
            _("script ID"),
            help_text=_("From your site's installation page, e.g. pa-6_srOGVV9SLMWJ1ZpUAbG."),
            max_length=68,
            validators=(validate_plausible_script_id,),
            required=True,
        ),
    )
    consent_modes = (ConsentMode.NONE, ConsentMode.REQUIRE)
    introduction = Introduction(
        _("In Plausible: Site settings › Site installation shows a script named pa-….js."),
        _("Plausible script"),
        "https://plausible.io/docs/plausible-script",
    )
    hosts = ("plausible.io",)

    def build(self, values: Mapping[str, Any], *, mode: ConsentMode, **context: Any) -> Emission:
        return Emission(
            config={"consent": mode},
            head=[Script(f"https://plausible.io/js/{values['script_id']}.js", (("async", True),))],
        )
