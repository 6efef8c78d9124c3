"""Matomo: the JavaScript tracker, or a Matomo Tag Manager container.

Matomo's queue is ``window._paq``; Piano's SDK is always moved to its own queue (see piano.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import ConsentMode, Emission, ModelFieldsProvider, ProviderMisconfigured, Script


class MatomoProvider(ModelFieldsProvider):
    slug = "matomo"
    name = _("Matomo")
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE)
    cookies = ("_pk_id*", "_pk_ses*", "_pk_ref*", "_pk_cvar*", "_pk_hsr*", "mtm_consent*")
    required_fields = ("url",)

    def clean(self, settings):
        errors = super().clean(settings)
        if (
            self.is_enabled(settings)
            and not settings.matomo_site_id
            and not settings.matomo_container_id
        ):
            errors["matomo_site_id"] = _(
                "Required when Matomo is enabled, unless a Tag Manager container ID is set."
            )
        return errors

    def build(self, values, *, mode):
        url = values["url"] if values["url"].endswith("/") else values["url"] + "/"
        container_id = values["container_id"]
        if not container_id and not values["site_id"]:
            raise ProviderMisconfigured("missing site_id (or a Tag Manager container ID)")
        pixel = None
        if container_id:
            script = Script(f"{url}js/container_{container_id}.js", (("async", True),))
        else:
            script = Script(f"{url}matomo.js", (("async", True),))
            if mode == ConsentMode.NONE:
                pixel = f"{url}matomo.php?idsite={values['site_id']}&rec=1"
        return Emission(
            config={
                "consent": mode,
                "url": url,
                "siteId": int(values["site_id"]) if values["site_id"] else None,
                "disableCookies": bool(values["disable_cookies"]),
                "containerId": container_id or None,
            },
            head=[script],
            noscript_pixel=pixel,
        )
