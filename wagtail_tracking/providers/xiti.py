"""XiTi Analyzer NX (AT Internet's legacy ``xtcore.js``).

xtcore reads the ``xt*`` globals once when it runs and sends the hit at once, so the loader sets
them from ``<head>`` and the site's own xtcore.js runs synchronously at the end of ``<body>``.
xtcore has no consent API: the only control is whether it loads.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from .base import ConsentMode, Emission, ModelFieldsProvider, ProviderMisconfigured, uploaded_script


class XitiProvider(ModelFieldsProvider):
    slug = "xiti"
    name = _("XiTi Analyzer NX (AT Internet)")
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.NONE)
    cookies = ("xtvrn", "xtan*", "xtat*", "xtant*", "xtidc")
    hosts = ("*.xiti.com",)
    required_fields = ("xtsd", "xtsite")

    def clean(self, settings):
        errors = super().clean(settings)
        if self.is_enabled(settings) and not settings.xiti_script:
            errors["xiti_script"] = _("Upload the site's xtcore.js file to enable XiTi.")
        return errors

    def build(self, values, *, mode):
        if not values["script"]:
            raise ProviderMisconfigured("missing script (xtcore.js)")
        pixel = None
        if mode == ConsentMode.NONE:
            query = urlencode(
                {"s": values["xtsite"], "s2": values["level2"], "p": values["page_root"], "di": ""}
            )
            pixel = f"{values['xtsd']}.xiti.com/hit.xiti?{query}"
        return Emission(
            config={
                "consent": mode,
                "xtsd": values["xtsd"],
                "xtsite": values["xtsite"],
                "level2": values["level2"],
                "pageRoot": values["page_root"],
            },
            body=[uploaded_script(values["script"], values["script_integrity"])],
            noscript_pixel=pixel,
        )
