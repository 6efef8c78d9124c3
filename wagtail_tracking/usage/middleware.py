"""``UsageMiddleware``: counts the request once its response is built."""

from __future__ import annotations

import logging

from .capture import hit_for
from .storage import record_hit


logger = logging.getLogger(__name__)


class UsageMiddleware:
    """Add ``"wagtail_tracking.usage.middleware.UsageMiddleware"`` to ``MIDDLEWARE`` anywhere
    after ``AuthenticationMiddleware``.

    The response is returned unchanged; counting failures are logged, never raised, so a
    broken database or cache cannot take the site down with it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            hit = hit_for(request, response)
            if hit is not None:
                record_hit(hit)
        except Exception:
            logger.exception("wagtail_tracking could not count a usage hit.")
        return response
