"""AT Internet SmartTag (``smarttag.js``), with its Privacy plugin's CNIL-exempt mode.

The library goes in ``<head>``; once it has run, the loader creates the tag, sets the privacy
mode and dispatches the page hit (the vendor's body snippet).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .atinternet import LEVEL2
from .base import BaseProvider, ConsentMode, Cookie, Introduction
from .elements import Emission, Script
from .fields import ScriptFileField, TextField
from .validators import validate_site_number, vendor_format


validate_https_script_url = vendor_format(
    r"^https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+"
    r"(:\d{1,5})?(/[A-Za-z0-9._~-]+)+\.js\Z",
    _(
        "Enter an https address ending in .js, without a query string, "
        "e.g. https://tag.aticdn.net/123456/smarttag.js."
    ),
    "invalid_script_url",
)


class SmartTagProvider(BaseProvider):
    slug = "smarttag"
    name = _("SmartTag (Piano / AT Internet)")
    recipient = _("Piano Software (formerly AT Internet), France")
    privacy_policy_url = "https://piano.io/privacy-policy/"
    fields = (
        ScriptFileField(
            "script",
            _("smarttag.js file"),
            help_text=_(
                "The smarttag.js file exported from Tag Composer. Leave empty to use an address."
            ),
        ),
        TextField(
            "script_url",
            _("smarttag.js address"),
            help_text=_(
                "Instead of a file: the https address Tag Composer publishes, "
                "e.g. https://tag.aticdn.net/123456/smarttag.js."
            ),
            validators=(validate_https_script_url,),
            # It decides which code the site runs, like an uploaded file.
            upload_permission=True,
        ),
        TextField(
            "site_id",
            _("site number"),
            help_text=_("Only if your smarttag.js does not carry it, e.g. 123456."),
            max_length=12,
            validators=(validate_site_number,),
        ),
        LEVEL2,
    )
    consent_modes = (ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE)
    introduction = Introduction(
        _(
            "Export smarttag.js from Tag Composer (with the Privacy plugin for the CNIL exemption), "
            "or copy the address Tag Composer publishes it at."
        ),
        _("SmartTag set-up"),
        "https://developers.atinternet-solutions.com/as2-tagging-en/javascript-en/"
        "getting-started-javascript-en/tracker-initialisation-javascript-en",
    )
    cookies = (
        Cookie("atuserid", _("13 months")),
        Cookie("atidvisitor"),
        Cookie("atauthority"),
        Cookie("atreman"),
        Cookie("atredir"),
    )
    hosts = ("tag.aticdn.net", "*.xiti.com", "*.ati-host.net")

    def clean(self, values: Mapping[str, Any]) -> None:
        if not values["script"] and not values["script_url"]:
            message = _(
                "Upload the site's smarttag.js file, or enter its address, to enable SmartTag."
            )
            raise ValidationError({"script": ValidationError(message, code="required")})
        if values["script"] and values["script_url"]:
            raise ValidationError(
                {
                    "script_url": _(
                        "Use either an uploaded smarttag.js file or an address, not both."
                    )
                }
            )

    def build(self, values: Mapping[str, Any], *, mode: ConsentMode, **context: Any) -> Emission:
        script = values["script"].element() if values["script"] else Script(values["script_url"])
        return Emission(
            config={
                "consent": mode,
                "site": int(values["site_id"]) if values["site_id"] else None,
                "level2": int(values["level2"]) if values["level2"] else None,
            },
            head=[script],
        )
