"""Turn a template context into the tracking HTML of one slot of the page: what the tags call."""

from __future__ import annotations

import logging

from django.http import HttpRequest
from django.utils.safestring import SafeString

from wagtail_tracking.compat import get_django_csp_nonce
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
    """The CSP nonce of this response, read so that the policy header names it.

    Django 6's nonce (``csp_nonce`` in the context with ``django.template.context_processors.csp``,
    else its middleware's ``get_nonce(request)``) and django-csp 4's ``request.csp_nonce`` are lazy:
    falsy until something reads them, and each middleware puts the nonce in the header only if it
    was read. So test for None, never for truth, and read the value with ``str()``.
    """
    for nonce in (
        context.get("csp_nonce"),
        getattr(request, "csp_nonce", None),
        get_django_csp_nonce(request),
    ):
        if nonce is not None:
            value = str(nonce)
            if value:
                return value
    return None


def is_editor(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))
