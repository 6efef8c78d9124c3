"""Umami Cloud: one deferred script carrying the website ID."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import ConsentMode, Emission, ModelFieldsProvider, Script


class UmamiProvider(ModelFieldsProvider):
    slug = "umami"
    name = _("Umami")
    consent_modes = (ConsentMode.NONE, ConsentMode.REQUIRE)
    hosts = ("cloud.umami.is",)
    required_fields = ("website_id",)

    def build(self, values, *, mode):
        return Emission(
            config={"consent": mode},
            head=[
                Script(
                    "https://cloud.umami.is/script.js",
                    (("defer", True), ("data-website-id", values["website_id"])),
                )
            ],
        )
