"""XiTi Analyzer NX (AT Internet's legacy ``xtcore.js``).

xtcore reads the ``xt*`` globals once when it runs and sends the hit at once, so the loader sets
them from ``<head>`` and the site's own xtcore.js runs synchronously at the end of ``<body>``.
xtcore has no consent API: the only control is whether it loads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .atinternet import LEVEL2
from .base import BaseProvider, ConsentMode, Cookie, Introduction
from .elements import Emission
from .fields import ScriptFileField, TextField
from .validators import validate_site_number, vendor_format


validate_xiti_xtsd = vendor_format(
    r"^https?://log[a-z0-9]{0,20}\Z",
    _(
        "Enter the XTSD code with its protocol and without “.xiti.com” or a trailing slash, "
        "e.g. https://logs1406."
    ),
    "invalid_xtsd",
)
validate_page_root = vendor_format(
    r"^[A-Za-z0-9_.~-]{1,64}\Z",
    _(
        "Enter a page-name root made of letters, digits, “-”, “_”, “.” or “~” (no spaces), "
        "e.g. my_site."
    ),
    "invalid_page_root",
)


class XitiProvider(BaseProvider):
    slug = "xiti"
    name = _("XiTi Analyzer NX (AT Internet)")
    recipient = _("Piano Software (formerly AT Internet), France")
    privacy_policy_url = "https://piano.io/privacy-policy/"
    fields = (
        TextField(
            "xtsd",
            _("XTSD code"),
            help_text=_("The collection server with its protocol, e.g. https://logs1406."),
            max_length=40,
            validators=(validate_xiti_xtsd,),
            required=True,
        ),
        TextField(
            "xtsite",
            _("XTSITE code"),
            help_text=_("The site number, e.g. 123456."),
            max_length=12,
            validators=(validate_site_number,),
            required=True,
        ),
        LEVEL2,
        TextField(
            "page_root",
            _("root used in page names"),
            help_text=_(
                "Optional first chapter of every page name, e.g. my_site gives "
                "my_site::news::title."
            ),
            max_length=64,
            validators=(validate_page_root,),
        ),
        ScriptFileField(
            "script",
            _("xtcore.js file"),
            help_text=_("The xtcore.js file generated for this site by XiTi."),
        ),
    )
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.NONE)
    introduction = Introduction(
        _(
            "XiTi (AT Internet) gives each site its XTSD and XTSITE codes and a generated "
            "xtcore.js file; ask your AT Internet / Piano contact if you do not have them."
        ),
        _("AT Internet developers' site"),
        "https://developers.atinternet-solutions.com/",
    )
    cookies = (Cookie("xtvrn"), Cookie("xtan*"), Cookie("xtat*"), Cookie("xtant*"), Cookie("xtidc"))
    hosts = ("*.xiti.com",)

    def clean(self, values: Mapping[str, Any]) -> None:
        if not values["script"]:
            message = _("Upload the site's xtcore.js file to enable XiTi.")
            raise ValidationError({"script": ValidationError(message, code="required")})

    def build(self, values: Mapping[str, Any], *, mode: ConsentMode, **context: Any) -> Emission:
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
            body=[values["script"].element()],
            noscript_pixel=pixel,
        )
