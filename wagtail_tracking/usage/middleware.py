"""``UsageMiddleware``: counts the request once its response is built, in the configured storage."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from wagtail_tracking.conf import tracking_settings

from .buffer import buffer_counters
from .hits import Hit, hit_for
from .storage import add_counts


logger = logging.getLogger(__name__)


class UsageMiddleware:
    """Add ``"wagtail_tracking.usage.middleware.UsageMiddleware"`` to ``MIDDLEWARE`` anywhere
    after ``AuthenticationMiddleware``.

    The response is returned unchanged; counting failures are logged, never raised, so a
    broken database or cache cannot take the site down with it. Switched off (``ENABLED`` or
    ``USAGE_ENABLED`` False), it returns the response at once: no rule runs, nothing is read
    from or written to the database or the cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not (tracking_settings.ENABLED and tracking_settings.USAGE_ENABLED):
            return response
        try:
            hit = hit_for(request, response)
            if hit is not None:
                record_hit(hit)
        except Exception:
            logger.exception("wagtail_tracking could not count a usage hit.")
        return response


def record_hit(hit: Hit) -> None:
    """Count a hit in the configured storage: the database now, or the cache buffer."""
    if tracking_settings.USAGE_STORAGE == "cache":
        buffer_counters(hit.counters())
    else:
        add_counts(dict.fromkeys(hit.counters(), 1))
