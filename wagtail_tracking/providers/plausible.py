"""Plausible Analytics, with the per-site script introduced in October 2025."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import ConsentMode, Emission, ModelFieldsProvider, Script


class PlausibleProvider(ModelFieldsProvider):
    slug = "plausible"
    name = _("Plausible")
    consent_modes = (ConsentMode.NONE, ConsentMode.REQUIRE)
    hosts = ("plausible.io",)
    required_fields = ("script_id",)

    def build(self, values, *, mode):
        return Emission(
            config={"consent": mode},
            head=[Script(f"https://plausible.io/js/{values['script_id']}.js", (("async", True),))],
        )
