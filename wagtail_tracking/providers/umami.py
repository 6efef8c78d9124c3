"""Umami Cloud: one deferred script carrying the website ID."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from .base import BaseProvider, ConsentMode, Introduction
from .elements import Emission, Script
from .fields import TextField
from .validators import vendor_format


validate_umami_website_id = vendor_format(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z",
    _("Enter the Umami website ID, a lower-case UUID, e.g. 94db1cb1-74f4-4a40-ad6c-962362670409."),
    "invalid_umami_website_id",
)


class UmamiProvider(BaseProvider):
    slug = "umami"
    name = _("Umami")
    recipient = _("Umami Software (Umami Cloud), or this site's own Umami server")
    privacy_policy_url = "https://umami.is/privacy"
    fields = (
        TextField(
            "website_id",
            _("website ID"),
            help_text=_("A UUID, e.g. 94db1cb1-74f4-4a40-ad6c-962362670409."),
            max_length=36,
            validators=(validate_umami_website_id,),
            required=True,
        ),
    )
    consent_modes = (ConsentMode.NONE, ConsentMode.REQUIRE)
    introduction = Introduction(
        _("In Umami: Settings › Websites › Edit shows the website ID."),
        _("Umami tracking code"),
        "https://umami.is/docs/collect-data",
    )
    hosts = ("cloud.umami.is",)

    def build(self, values: Mapping[str, Any], *, mode: ConsentMode, **context: Any) -> Emission:
        return Emission(
            config={"consent": mode},
            head=[
                Script(
                    "https://cloud.umami.is/script.js",
                    (("defer", True), ("data-website-id", values["website_id"])),
                )
            ],
        )
