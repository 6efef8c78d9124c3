"""Plausible usage counters for demos: ``fill_demo_usage()`` (the sandbox's load_demo_data)."""

from __future__ import annotations

import datetime
import math
import random

from django.db import connections, router
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Site

from wagtail_tracking.compat import get_page_model

from .models import DIRECT_REFERRER, INTERNAL_REFERRER, Audience, UsageCount


API_ENDPOINTS = ("pages", "pages/detail", "pages/find", "documents", "documents/detail", "images")
REFERRERS = (
    (DIRECT_REFERRER, 30),
    (INTERNAL_REFERRER, 35),
    ("www.google.com", 20),
    ("duckduckgo.com", 4),
    ("www.bing.com", 3),
    ("www.linkedin.com", 3),
    ("news.ycombinator.com", 2),
    ("data.gouv.fr", 3),
)
AUDIENCE_SHARES = (
    (Audience.ANONYMOUS, 0.86),
    (Audience.AUTHENTICATED, 0.09),
    (Audience.ADMIN, 0.05),
)


def fill_demo_usage(*, days: int = 90, today: datetime.date | None = None, seed: int = 7) -> int:
    """Write ``days`` days of counters for every live page, document and API endpoint.

    Idempotent: the same call writes the same numbers over the same rows (an upsert that
    *sets* the count), so running the demo loader twice does not double anything.
    Returns the number of counter rows written.
    """
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311  (demo figures, not secrets)
    sites = list(Site.objects.all())
    documents = list(get_document_model().objects.values_list("pk", flat=True)[:50])
    Page = get_page_model()
    rows = []
    for site in sites:
        pages = list(
            Page.objects.live()
            .descendant_of(site.root_page, inclusive=True)
            .values_list("pk", "depth")[:200]
        )
        popularity = {pk: rng.uniform(0.3, 1.0) / max(depth - 1, 1) for pk, depth in pages}
        doc_popularity = {pk: rng.uniform(0.05, 0.4) for pk in documents}
        api_popularity = {endpoint: rng.uniform(0.1, 1.0) for endpoint in API_ENDPOINTS}
        for offset in range(days):
            day = today - datetime.timedelta(days=offset)
            # Weekdays busier than weekends, a slow growth towards today, some noise.
            weekly = 0.6 if day.weekday() >= 5 else 1.0
            trend = 1 + 0.4 * (days - offset) / days
            scale = weekly * trend
            totals = {"page": 0, "document": 0, "api": 0}
            for pk, weight in popularity.items():
                totals["page"] += _add(rows, rng, day, site, "page", pk, "", 120 * weight * scale)
            for pk, weight in doc_popularity.items():
                totals["document"] += _add(
                    rows, rng, day, site, "document", pk, "", 25 * weight * scale
                )
            for endpoint, weight in api_popularity.items():
                totals["api"] += _add(rows, rng, day, site, "api", 0, endpoint, 60 * weight * trend)
            for kind, total in totals.items():
                _add_referrers(rows, day, site, kind, total)
    conflict_target = {}
    if connections[router.db_for_write(UsageCount)].features.supports_update_conflicts_with_target:
        # MariaDB/MySQL take the unique key itself and refuse a named target.
        conflict_target["unique_fields"] = list(UsageCount.COUNTER_FIELDS)
    UsageCount.objects.bulk_create(
        rows, batch_size=1000, update_conflicts=True, update_fields=["count"], **conflict_target
    )
    return len(rows)


def _add(rows, rng, day, site, kind, object_id, endpoint, mean) -> int:
    added = 0
    for audience, share in AUDIENCE_SHARES:
        count = int(max(0, rng.gauss(mean * share, math.sqrt(mean * share + 1))))
        if count:
            rows.append(
                UsageCount(
                    day=day,
                    site=site,
                    kind=kind,
                    audience=audience,
                    object_id=object_id,
                    endpoint=endpoint,
                    count=count,
                )
            )
            added += count
    return added


def _add_referrers(rows, day, site, kind, total) -> None:
    weight_sum = sum(weight for _, weight in REFERRERS)
    shares = {referrer: total * weight // weight_sum for referrer, weight in REFERRERS}
    shares[DIRECT_REFERRER] += total - sum(shares.values())  # referrer rows add up to the hits
    for referrer, count in shares.items():
        if count:
            rows.append(
                UsageCount(
                    day=day,
                    site=site,
                    kind=kind,
                    audience=Audience.ANONYMOUS,
                    referrer=referrer,
                    count=count,
                )
            )
