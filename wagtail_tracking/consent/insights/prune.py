"""Retention: receipts after ``CONSENT_RECEIPT_RETENTION_DAYS``, statistics after
``CONSENT_STATISTICS_RETENTION_DAYS``, then the banner versions no receipt points to any more."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils import timezone

from wagtail_tracking.conf import tracking_settings

from .models import BannerVersion, ConsentCount, ConsentReceipt


@dataclass
class PruneResult:
    receipts: int = 0
    counts: int = 0
    versions: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"receipts": self.receipts, "counts": self.counts, "versions": self.versions}


def prune_consent(
    *,
    receipt_days: int | None = None,
    statistics_days: int | None = None,
    batch_size: int = 5000,
    now: datetime.datetime | None = None,
) -> PruneResult:
    """Delete what is older than its retention, in batches (None: the settings; kept forever
    when the setting is None too)."""
    now = now or timezone.now()
    receipt_days = (
        tracking_settings.CONSENT_RECEIPT_RETENTION_DAYS if receipt_days is None else receipt_days
    )
    statistics_days = (
        tracking_settings.CONSENT_STATISTICS_RETENTION_DAYS
        if statistics_days is None
        else statistics_days
    )
    result = PruneResult()
    if receipt_days is not None:
        cutoff = now - datetime.timedelta(days=receipt_days)
        result.receipts = _delete(ConsentReceipt.objects.filter(created_at__lt=cutoff), batch_size)
        # A version stays while a receipt points to it, and while it may still be shown.
        unused = BannerVersion.objects.filter(created_at__lt=cutoff, receipts__isnull=True)
        result.versions = _delete(unused, batch_size)
    if statistics_days is not None:
        day = timezone.localdate(now) - datetime.timedelta(days=statistics_days)
        result.counts = _delete(ConsentCount.objects.filter(day__lt=day), batch_size)
    return result


def _delete(rows: QuerySet[Model], batch_size: int) -> int:
    """Short deletes by primary key, so serving never waits on a long lock."""
    deleted = 0
    while True:
        ids = list(rows.values_list("pk", flat=True)[:batch_size])
        if not ids:
            return deleted
        deleted += rows.model._default_manager.filter(pk__in=ids).delete()[0]
