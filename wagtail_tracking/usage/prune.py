"""Retention: delete counters older than ``USAGE_RETENTION_DAYS``, in batches."""

from __future__ import annotations

import datetime

from django.utils import timezone

from wagtail_tracking.conf import tracking_settings

from .models import UsageCount


def prune_usage(
    *, days: int | None = None, batch_size: int = 5000, today: datetime.date | None = None
) -> int:
    """Delete counters of days more than ``days`` ago; returns how many rows went.

    Batches by primary key keep each delete short, so serving never waits on a long lock.
    """
    days = tracking_settings.USAGE_RETENTION_DAYS if days is None else days
    if days is None:
        return 0
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=days)
    deleted = 0
    while True:
        ids = list(
            UsageCount.objects.filter(day__lt=cutoff).values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return deleted
        deleted += UsageCount.objects.filter(pk__in=ids).delete()[0]
