"""Checks for values editors type into the banner settings."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit


def _has_blank_or_control(value: str) -> bool:
    """Browsers drop tabs and line breaks inside an address and read ``\\`` as ``/``, so
    ``/\\t/evil.example/`` opens ``http://evil.example/``: such characters are never allowed."""
    return any(
        char.isspace() or char == "\\" or unicodedata.category(char).startswith("C")
        for char in value
    )


def is_safe_policy_url(value: str) -> bool:
    """A site-relative path or an http(s) address: never ``javascript:`` or ``//other-host``."""
    value = value.strip()
    if _has_blank_or_control(value):
        return False
    if value.startswith("/"):
        return not value.startswith("//")
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
