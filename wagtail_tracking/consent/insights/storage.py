"""Writing beacons: counters and receipts, in the usage metrics' storage mode.

``USAGE_STORAGE = "database"``: one receipt insert and one counter upsert per beacon, in one
transaction.
``"cache"``: the beacon is appended to the current window of a cache buffer (two cache calls);
``flush_consent_buffer`` writes closed windows in bulk, each exactly once (``ConsentFlush``).

A receipt ID is stored once: a replayed beacon (same ID) adds neither a receipt nor a count.
"""

from __future__ import annotations

import datetime
import time
from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, OperationalError, transaction

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.usage.storage import upsert_counts

from .beacon import Beacon
from .models import ConsentCount, ConsentReceipt


@dataclass(frozen=True)
class Accepted:
    """A validated beacon with where and when it arrived: what the storage writes."""

    beacon: Beacon
    site_id: int
    version_id: int
    day: datetime.date
    at: datetime.datetime

    def counts(self) -> Counter[tuple[object, ...]]:
        if not tracking_settings.CONSENT_STATISTICS:
            return Counter()
        return Counter(
            (self.day, self.site_id, event, tool) for event, tool in self.beacon.counted_events()
        )

    def receipt(self) -> ConsentReceipt | None:
        if not (tracking_settings.CONSENT_RECEIPTS and self.beacon.is_choice):
            return None
        return ConsentReceipt(
            receipt_id=self.beacon.receipt_id,
            site_id=self.site_id,
            created_at=self.at,
            version_id=self.version_id,
            action=self.beacon.event,
            changed=self.beacon.changed,
            choices=self.beacon.choices,
        )


def write_now(accepted: Accepted, *, attempts: int = 3) -> None:
    """The receipt and the counters in one transaction (one commit per beacon), retried whole
    when the database picks it as a deadlock victim or times out on its lock."""
    receipt = accepted.receipt()
    if receipt is None and accepted.beacon.is_choice and _seen(accepted.beacon.receipt_id):
        return
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                if receipt is not None:
                    receipt.save(force_insert=True)
                upsert_counts(
                    ConsentCount, ConsentCount.COUNTER_FIELDS, accepted.counts(), retries=1
                )
            return
        except IntegrityError:
            return  # a replayed receipt ID: already counted
        except OperationalError:
            if attempt == attempts - 1:
                raise
            receipt = accepted.receipt()  # a fresh instance: the failed one thinks it was saved
            time.sleep(0.01 * (attempt + 1))


def _seen(receipt_id: str) -> bool:
    """Receipts off: a replay cannot be told apart, except from a receipt kept earlier."""
    return ConsentReceipt.objects.filter(receipt_id=receipt_id).exists()


def write_many(batch: list[Accepted]) -> tuple[int, int]:
    """Write a flushed window: receipts in bulk, replays dropped, counts in one upsert.

    Returns (receipts, beacons counted). Runs inside the caller's transaction.
    """
    ids = [a.beacon.receipt_id for a in batch if a.beacon.is_choice]
    seen = set(
        ConsentReceipt.objects.filter(receipt_id__in=ids).values_list("receipt_id", flat=True)
    )
    fresh: list[Accepted] = []
    for accepted in batch:
        rid = accepted.beacon.receipt_id
        if accepted.beacon.is_choice:
            if rid in seen:
                continue
            seen.add(rid)
        fresh.append(accepted)
    receipts = [r for r in (a.receipt() for a in fresh) if r is not None]
    ConsentReceipt.objects.bulk_create(receipts, batch_size=500)
    counts: Counter[tuple[object, ...]] = Counter()
    for accepted in fresh:
        counts.update(accepted.counts())
    upsert_counts(ConsentCount, ConsentCount.COUNTER_FIELDS, counts, retries=1)
    return len(receipts), len(fresh)
