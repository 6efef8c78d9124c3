"""Vendor formats for every value an editor types, with messages that show a right value.

The patterns are deliberately strict: a value that passes them can only contain characters that
are inert in HTML attributes, JSON and JavaScript strings, so no editor input can break out of
the markup the tags emit, even before escaping (which is applied anyway).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from wagtail_tracking.conf import tracking_settings


def _regex(pattern: str, message, code: str) -> RegexValidator:
    # \Z rather than $: "$" also matches before a trailing newline.
    return RegexValidator(re.compile(pattern), message=message, code=code)


validate_ga4_measurement_id = _regex(
    r"^G-[A-Z0-9]{4,20}\Z",
    _(
        "Enter a GA4 measurement ID: “G-” followed by capital letters and digits, e.g. G-ABC123XYZ9."
    ),
    "invalid_ga4_measurement_id",
)
validate_ua_tracking_id = _regex(
    r"^UA-\d{1,12}-\d{1,4}\Z",
    _("Enter a Universal Analytics tracking ID: UA-, digits, a dash and digits, e.g. UA-12345-1."),
    "invalid_ua_tracking_id",
)
validate_xiti_xtsd = _regex(
    r"^https?://log[a-z0-9]{0,20}\Z",
    _(
        "Enter the XTSD code with its protocol and without “.xiti.com” or a trailing slash, "
        "e.g. https://logs1406."
    ),
    "invalid_xtsd",
)
validate_site_number = _regex(
    r"^[1-9]\d{0,11}\Z",
    _("Enter the site number: digits only, e.g. 123456."),
    "invalid_site_number",
)
validate_level2 = _regex(
    r"^\d{1,6}\Z",
    _("Enter the level 2 site ID: digits only, e.g. 15."),
    "invalid_level2",
)
validate_page_root = _regex(
    r"^[A-Za-z0-9_.~-]{1,64}\Z",
    _(
        "Enter a page-name root made of letters, digits, “-”, “_”, “.” or “~” (no spaces), "
        "e.g. my_site."
    ),
    "invalid_page_root",
)
validate_piano_collect_domain = _regex(
    r"^https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+\Z",
    _(
        "Enter the collection domain with https:// and no path, e.g. https://abcdefg.pa-cd.com "
        "(lower case)."
    ),
    "invalid_collect_domain",
)
validate_eulerian_domain = _regex(
    r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+\Z",
    _(
        "Enter the tracking domain alone, without https:// or a path, e.g. et1.eulerian.net "
        "(lower case)."
    ),
    "invalid_eulerian_domain",
)
validate_matomo_url = _regex(
    r"^https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*"
    r"(:\d{1,5})?(/[A-Za-z0-9._~-]+)*/?\Z",
    _(
        "Enter the address of your Matomo with https:// and no query string, "
        "e.g. https://analytics.example.com/ or https://example.matomo.cloud/."
    ),
    "invalid_matomo_url",
)
validate_matomo_container_id = _regex(
    r"^[A-Za-z0-9]{8}\Z",
    _("Enter the 8-character container ID from Matomo Tag Manager, e.g. EPPlG1eo."),
    "invalid_matomo_container_id",
)
validate_plausible_script_id = _regex(
    r"^pa-[A-Za-z0-9_-]{4,64}\Z",
    _(
        "Enter the script ID from Plausible's site installation page: “pa-” then letters, digits, "
        "“-” or “_”, e.g. pa-6_srOGVV9SLMWJ1ZpUAbG."
    ),
    "invalid_plausible_script_id",
)
validate_umami_website_id = _regex(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z",
    _("Enter the Umami website ID, a lower-case UUID, e.g. 94db1cb1-74f4-4a40-ad6c-962362670409."),
    "invalid_umami_website_id",
)
validate_https_script_url = _regex(
    r"^https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+"
    r"(:\d{1,5})?(/[A-Za-z0-9._~-]+)+\.js\Z",
    _(
        "Enter an https address ending in .js, without a query string, "
        "e.g. https://tag.aticdn.net/123456/smarttag.js."
    ),
    "invalid_script_url",
)


# What a text file of JavaScript never starts with: markup, and the magic numbers of common binaries.
_MARKUP_START = re.compile(rb"^\s*<", re.S)
# Vendor code may build <script> or <iframe> strings, so only page-level markup counts as HTML.
_HTML_INSIDE = re.compile(rb"<\s*(!doctype|html|head|body|\?php)\b", re.I)


@deconstructible
class ScriptFileValidator:
    """Accept a vendor JavaScript file: a ``.js`` name, UTF-8 text, no HTML, within the size limit.

    The limit is read when validating, so ``WAGTAIL_TRACKING["SCRIPT_MAX_SIZE"]`` applies without a
    migration.
    """

    def __call__(self, upload) -> None:
        name = getattr(upload, "name", "") or ""
        if not name.lower().endswith(".js"):
            raise ValidationError(
                _(
                    "Upload the vendor's JavaScript file; its name must end in .js (e.g. xtcore.js)."
                ),
                code="script_extension",
            )
        max_size = tracking_settings.SCRIPT_MAX_SIZE
        if upload.size > max_size:
            raise ValidationError(
                _("This file is %(size)s KB; script files may be at most %(max)s KB."),
                code="script_too_large",
                params={"size": -(-upload.size // 1024), "max": max_size // 1024},
            )
        content = read_upload(upload)
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text:
            raise ValidationError(
                _("This file is not text. Upload the JavaScript file the vendor gave you."),
                code="script_binary",
            )
        if _MARKUP_START.match(content) or _HTML_INSIDE.search(content):
            raise ValidationError(
                _(
                    "This file contains HTML. Upload the JavaScript file itself, not a page or a "
                    "snippet with <script> tags."
                ),
                code="script_html",
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, ScriptFileValidator)

    def __hash__(self) -> int:
        return hash(ScriptFileValidator)


def read_upload(upload) -> bytes:
    """The whole content of an uploaded or stored file, leaving it ready to be read again."""
    if getattr(upload, "closed", False):
        upload.open("rb")
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return content if isinstance(content, bytes) else content.encode("utf-8")


validate_script_file = ScriptFileValidator()
