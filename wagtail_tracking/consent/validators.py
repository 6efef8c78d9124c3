"""Checks for values editors type into the banner settings."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_safe_policy_url(value: str) -> bool:
    """A site-relative path or an http(s) address: never ``javascript:`` or ``//other-host``."""
    value = value.strip()
    if value.startswith("/"):
        return not value.startswith("//") and "\\" not in value
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
