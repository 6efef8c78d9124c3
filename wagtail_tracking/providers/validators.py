"""Formats shared by several vendors, and the check of uploaded vendor scripts.

A format only one vendor uses lives in that vendor's module, built with :func:`vendor_format`.
The patterns are deliberately strict: a value that passes them can only contain characters that
are inert in HTML attributes, JSON and JavaScript strings, so no editor input can break out of
the markup the tags emit, even before escaping (which is applied anyway).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from wagtail_tracking.conf import tracking_settings


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def vendor_format(pattern: str, message: StrOrPromise, code: str) -> RegexValidator:
    """A validator for a whole value; ``message`` shows a right value."""
    # \Z rather than $: "$" also matches before a trailing newline.
    return RegexValidator(re.compile(pattern), message=message, code=code)


validate_site_number = vendor_format(
    r"^[1-9]\d{0,11}\Z",
    _("Enter the site number: digits only, e.g. 123456."),
    "invalid_site_number",
)


# What a text file of JavaScript never starts with: markup, and the magic numbers of common binaries.
_MARKUP_START = re.compile(rb"^\s*<", re.S)
# Vendor code may build <script> or <iframe> strings, so only page-level markup counts as HTML.
_HTML_INSIDE = re.compile(rb"<\s*(!doctype|html|head|body|\?php)\b", re.I)


def validate_script_file(upload: Any) -> None:
    """Accept a vendor JavaScript file: a ``.js`` name, UTF-8 text, no HTML, within the size limit.

    The limit is read when validating, so ``WAGTAIL_TRACKING["SCRIPT_MAX_SIZE"]`` applies at once.
    """
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".js"):
        raise ValidationError(
            _("Upload the vendor's JavaScript file; its name must end in .js (e.g. xtcore.js)."),
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


def read_upload(upload: Any) -> bytes:
    """The whole content of an uploaded or stored file, leaving it ready to be read again."""
    if getattr(upload, "closed", False):
        upload.open("rb")
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return content if isinstance(content, bytes) else content.encode("utf-8")
