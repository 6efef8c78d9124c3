"""What a provider hands to the page: a JSON configuration for the loader and ``<script src>`` elements.

A provider never builds JavaScript from strings: the static loader
(``wagtail_tracking/js/tracking.js``) reads the configuration and makes the vendor's inline calls
itself, so the page needs no inline code besides one JSON block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


# Stands for the nonce attribute in cached HTML; replaced on every render (see output/build.py).
NONCE = "\x00"


@dataclass(frozen=True)
class Script:
    """One vendor ``<script src>`` element; attribute values are escaped when rendered.

    ``attrs`` keeps its order so the emitted HTML is stable; ``True`` renders a bare attribute.
    """

    src: str
    attrs: tuple[tuple[str, str | bool], ...] = ()

    def render(self, slug: str, *, active: bool) -> SafeString:
        """An executable element, or an inert ``type="text/plain"`` one the loader activates."""
        attributes = mark_safe(  # noqa: S308  (each piece comes from format_html)
            "".join(
                format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
                for name, value in self.attrs
            )
        )
        if active:
            return format_html(
                '<script data-wagtail-tracking="{}" src="{}"{}{}></script>',
                slug,
                self.src,
                attributes,
                NONCE,
            )
        return format_html(
            '<script type="text/plain" data-wagtail-tracking="{}" data-wagtail-tracking-src="{}"'
            "{}{}></script>",
            slug,
            self.src,
            attributes,
            NONCE,
        )


@dataclass
class Emission:
    """What one provider contributes to a page.

    Attributes:
        config: JSON-serialisable values for the loader, under ``providers[slug]``; its
            ``"consent"`` key (the consent mode) drives the loader and the banner.
        head: vendor scripts for ``<head>``, after the loader.
        body: vendor scripts for the end of ``<body>``.
        noscript_pixel: an image URL for visitors without JavaScript, emitted only when the
            provider needs no consent.
        adapters: static scripts that register a JavaScript adapter for a third-party provider;
            they are emitted before the loader (see the README).
    """

    config: dict[str, Any]
    head: list[Script] = field(default_factory=list)
    body: list[Script] = field(default_factory=list)
    noscript_pixel: str | None = None
    adapters: list[Script] = field(default_factory=list)


def render_noscript_pixel(url: str) -> SafeString:
    return format_html('<noscript><img src="{}" width="1" height="1" alt=""></noscript>', url)
