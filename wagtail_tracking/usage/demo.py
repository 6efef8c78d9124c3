"""Plausible usage counters for demos: ``fill_demo_usage()`` (the sandbox's load_demo_data).

Every kind of ``kinds.KINDS`` gets counts, shaped by its ``DemoFigures``.
"""

from __future__ import annotations

import datetime
import math
import random
from typing import Any

from django.db import connections, router
from django.utils import timezone
from wagtail.models import Site

from wagtail_tracking.compat import get_page_model

from .kinds import KINDS, UsageKind
from .models import DIRECT_REFERRER, INTERNAL_REFERRER, Audience, UsageCount


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

#: What one counter row is about: (object id, endpoint).
Target = tuple[int, str]


def fill_demo_usage(*, days: int = 90, today: datetime.date | None = None, seed: int = 7) -> int:
    """Write ``days`` days of counters for every live page, document and API endpoint.

    Idempotent: the same call writes the same numbers over the same rows (an upsert that
    *sets* the count), so running the demo loader twice does not double anything.
    Returns the number of counter rows written.
    """
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311  (demo figures, not secrets)
    rows: list[UsageCount] = []
    for site in Site.objects.all():
        popularity = {kind: _popularity(kind, site, rng) for kind in KINDS}
        for offset in range(days):
            day = today - datetime.timedelta(days=offset)
            # Weekdays busier than weekends, a slow growth towards today, some noise.
            trend = 1 + 0.4 * (days - offset) / days
            for kind, weights in popularity.items():
                weekly = 0.6 if kind.demo.quiet_weekends and day.weekday() >= 5 else 1.0
                mean = kind.demo.daily_hits * weekly * trend
                key = {"day": day, "site": site, "kind": kind.value}
                total = sum(_add(rows, rng, key, t, mean * w) for t, w in weights.items())
                _add_referrers(rows, key, total)
    _save(rows)
    return len(rows)


def _popularity(kind: UsageKind, site: Site, rng: random.Random) -> dict[Target, float]:
    """Each object or endpoint of ``kind`` counted on ``site``, with its share of the hits."""
    low, high = kind.demo.popularity
    if kind.objects is None:
        return {(0, endpoint): rng.uniform(low, high) for endpoint in kind.demo.endpoints}
    model = kind.objects.get_model()
    if issubclass(model, get_page_model()):
        # The site's live pages; the deeper a page, the fewer its visitors.
        pages = (
            model.objects.live()
            .descendant_of(site.root_page, inclusive=True)
            .values_list("pk", "depth")[: kind.demo.max_objects]
        )
        return {(pk, ""): rng.uniform(low, high) / max(depth - 1, 1) for pk, depth in pages}
    pks = model._default_manager.values_list("pk", flat=True)[: kind.demo.max_objects]
    return {(pk, ""): rng.uniform(low, high) for pk in pks}


def _add(
    rows: list[UsageCount], rng: random.Random, key: dict[str, Any], target: Target, mean: float
) -> int:
    """Rows of ``target`` (one per audience) on the day, site and kind of ``key``; their hits."""
    added = 0
    object_id, endpoint = target
    for audience, share in AUDIENCE_SHARES:
        count = int(max(0, rng.gauss(mean * share, math.sqrt(mean * share + 1))))
        if count:
            rows.append(
                UsageCount(
                    **key, audience=audience, object_id=object_id, endpoint=endpoint, count=count
                )
            )
            added += count
    return added


def _add_referrers(rows: list[UsageCount], key: dict[str, Any], total: int) -> None:
    weight_sum = sum(weight for _, weight in REFERRERS)
    shares = {referrer: total * weight // weight_sum for referrer, weight in REFERRERS}
    shares[DIRECT_REFERRER] += total - sum(shares.values())  # referrer rows add up to the hits
    for referrer, count in shares.items():
        if count:
            rows.append(
                UsageCount(**key, audience=Audience.ANONYMOUS, referrer=referrer, count=count)
            )


def _save(rows: list[UsageCount]) -> None:
    conflict_target = {}
    if connections[router.db_for_write(UsageCount)].features.supports_update_conflicts_with_target:
        # MariaDB/MySQL take the unique key itself and refuse a named target.
        conflict_target["unique_fields"] = list(UsageCount.COUNTER_FIELDS)
    UsageCount.objects.bulk_create(
        rows, batch_size=1000, update_conflicts=True, update_fields=["count"], **conflict_target
    )
