"""AT Internet SmartTag (``smarttag.js``), with its Privacy plugin's CNIL-exempt mode.

The library goes in ``<head>``; once it has run, the loader creates the tag, sets the privacy
mode and dispatches the page hit (the vendor's body snippet).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import (
    ConsentMode,
    Emission,
    ModelFieldsProvider,
    ProviderMisconfigured,
    Script,
    uploaded_script,
)


class SmartTagProvider(ModelFieldsProvider):
    slug = "smarttag"
    name = _("SmartTag (Piano / AT Internet)")
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE)
    cookies = ("atuserid", "atidvisitor", "atauthority", "atreman", "atredir")
    hosts = ("tag.aticdn.net", "*.xiti.com", "*.ati-host.net")

    def clean(self, settings):
        errors = super().clean(settings)
        if not self.is_enabled(settings):
            return errors
        if not settings.smarttag_script and not settings.smarttag_script_url:
            errors["smarttag_script"] = _(
                "Upload the site's smarttag.js file, or enter its address, to enable SmartTag."
            )
        elif settings.smarttag_script and settings.smarttag_script_url:
            errors["smarttag_script_url"] = _(
                "Use either an uploaded smarttag.js file or an address, not both."
            )
        return errors

    def build(self, values, *, mode):
        if values["script"]:
            script = uploaded_script(values["script"], values["script_integrity"])
        elif values["script_url"]:
            script = Script(values["script_url"])
        else:
            raise ProviderMisconfigured("missing smarttag.js file or address")
        return Emission(
            config={
                "consent": mode,
                "site": int(values["site_id"]) if values["site_id"] else None,
                "level2": int(values["level2"]) if values["level2"] else None,
            },
            head=[script],
        )
