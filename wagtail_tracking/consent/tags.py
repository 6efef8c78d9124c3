"""Plain functions behind ``{% tracking_consent_link %}`` and ``{% tracking_cookie_table %}``."""

from __future__ import annotations

import logging

from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.types import TemplateContext

from .banner import render_consent_link, render_cookie_table


logger = logging.getLogger(__name__)


def consent_link(
    context: TemplateContext, label: str | None = None, css_class: str = ""
) -> SafeString:
    """Nothing wherever the trackers are not emitted either (previews, plugin switched off)."""
    request = context.get("request")
    if (
        not tracking_settings.ENABLED
        or not tracking_settings.PROVIDERS_ENABLED
        or getattr(request, "is_preview", False)
    ):
        return SafeString("")
    # Escaped by the template; safe to mark.
    return mark_safe(render_consent_link(label, css_class))  # noqa: S308


def cookie_table(context: TemplateContext) -> SafeString:
    """The trackers the site emits; none, at no database cost, when the developers switched
    them off (the tags emit none either)."""
    request = context.get("request")
    if request is None:
        logger.warning("wagtail_tracking: no 'request' in the template context; no cookie table.")
        return SafeString("")
    try:
        emitting = tracking_settings.ENABLED and tracking_settings.PROVIDERS_ENABLED
        site = Site.find_for_request(request) if emitting else None
        return mark_safe(render_cookie_table(site))  # noqa: S308  (escaped by the template)
    except Exception:
        logger.exception("wagtail_tracking: could not render the cookie table.")
        return SafeString("")
