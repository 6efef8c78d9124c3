"""Turn a template context into the tracking HTML of one slot of the page: what the tags call."""

from __future__ import annotations

import logging

from django.http import HttpRequest
from django.utils.safestring import SafeString

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.types import TemplateContext

from .cache import get_site_output


logger = logging.getLogger(__name__)

NOTHING = SafeString("")


def render_tracking(context: TemplateContext, *, slot: str) -> SafeString:
    """Return the HTML of every active tracker for ``slot`` ("head" or "body"); never raises."""
    if not tracking_settings.ENABLED:
        return NOTHING
    request = context.get("request")
    if request is None:
        logger.warning("wagtail_tracking: no 'request' in the template context; rendering nothing.")
        return NOTHING
    if not tracking_settings.PROVIDERS_ENABLED or getattr(request, "is_preview", False):
        return NOTHING
    try:
        if tracking_settings.SKIP_EDITORS and is_editor(request):
            return NOTHING
        html = get_site_output(request).render(slot, get_request_nonce(context, request))
    except Exception:
        logger.exception(
            "wagtail_tracking: could not render the %s trackers; rendering nothing.", slot
        )
        return NOTHING
    # Every value in it was validated and escaped when the site's output was built.
    return SafeString(html)


def get_request_nonce(context: TemplateContext, request: HttpRequest) -> str | None:
    """The CSP nonce of this response: Django 6's ``csp_nonce`` or django-csp's ``request.csp_nonce``."""
    nonce = context.get("csp_nonce") or getattr(request, "csp_nonce", None)
    return str(nonce) if nonce else None


def is_editor(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))
