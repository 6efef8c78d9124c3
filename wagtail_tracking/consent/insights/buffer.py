"""The consent beacons' cache buffer, for ``USAGE_STORAGE = "cache"`` (receipts written in bulk).

Same windows, cache and guarantees as the usage buffer (``usage.buffer``): a beacon takes a slot
in the current window's list (one atomic ``incr``; ``add`` starts a window) and is stored under it (one ``set``). A closed
window is written in ONE transaction with its ``ConsentFlush`` marker, so a second flusher rolls
back and nothing is written twice; the cache keys go once the transaction is committed.
"""

from __future__ import annotations

import datetime
import json
import logging
import math
from dataclasses import asdict, dataclass, field

from django.core.cache import BaseCache
from django.db import IntegrityError, transaction

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.usage.buffer import current_window, get_cache

from .beacon import Beacon
from .models import ConsentFlush
from .storage import Accepted, write_many


logger = logging.getLogger(__name__)

PREFIX = "wt_consent"
BATCH = 500


def slots_key(window: int) -> str:
    return f"{PREFIX}:{window}:n"


def slot_key(window: int, slot: int) -> str:
    return f"{PREFIX}:{window}:b:{slot}"


def encode(accepted: Accepted) -> str:
    return json.dumps(
        [
            asdict(accepted.beacon),
            accepted.site_id,
            accepted.version_id,
            accepted.day.isoformat(),
            accepted.at.isoformat(),
        ]
    )


def decode(text: str) -> Accepted:
    beacon, site_id, version_id, day, at = json.loads(text)
    return Accepted(
        beacon=Beacon(**beacon),
        site_id=site_id,
        version_id=version_id,
        day=datetime.date.fromisoformat(day),
        at=datetime.datetime.fromisoformat(at),
    )


def buffer_beacon(accepted: Accepted, *, now: float | None = None) -> None:
    cache = get_cache()
    window = current_window(now)
    timeout = tracking_settings.USAGE_BUFFER_TIMEOUT
    key = slots_key(window)
    try:  # the window's counter exists but for its first beacon: one increment, no add
        slot = cache.incr(key)
    except ValueError:
        slot = 1 if cache.add(key, 1, timeout) else cache.incr(key)
    cache.set(slot_key(window, slot), encode(accepted), timeout)


@dataclass
class ConsentFlushResult:
    windows: list[int] = field(default_factory=list)
    receipts: int = 0
    beacons: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"windows": len(self.windows), "receipts": self.receipts, "beacons": self.beacons}


def flush_consent_buffer(
    *, now: float | None = None, include_open: bool = False
) -> ConsentFlushResult:
    """Write every closed window of buffered beacons. Safe to run concurrently."""
    cache = get_cache()
    current = current_window(now)
    window_seconds = tracking_settings.USAGE_BUFFER_WINDOW
    oldest = current - math.ceil(tracking_settings.USAGE_BUFFER_TIMEOUT / window_seconds) - 1
    last = current if include_open else current - 2
    flushed = set(ConsentFlush.objects.filter(window__gte=oldest).values_list("window", flat=True))
    result = ConsentFlushResult()
    candidates = list(range(oldest, last + 1))
    for start in range(0, len(candidates), BATCH):
        chunk = candidates[start : start + BATCH]
        sizes = cache.get_many([slots_key(w) for w in chunk])
        for window in chunk:
            slots = sizes.get(slots_key(window))
            if slots:
                _flush_window(cache, window, int(slots), window in flushed, result)
    ConsentFlush.objects.filter(window__lt=oldest).delete()
    return result


def _flush_window(
    cache: BaseCache, window: int, slots: int, already: bool, result: ConsentFlushResult
) -> None:
    lock = f"{PREFIX}:{window}:lock"
    if not cache.add(lock, 1, 300):
        return  # another flusher has it
    try:
        keys = [slot_key(window, slot) for slot in range(1, slots + 1)]
        batch: list[Accepted] = []
        for start in range(0, len(keys), BATCH):
            values = cache.get_many(keys[start : start + BATCH])
            batch.extend(decode(text) for text in values.values())
        if not already:
            try:
                with transaction.atomic():
                    ConsentFlush.objects.create(window=window)
                    receipts, beacons = write_many(batch)
                result.windows.append(window)
                result.receipts += receipts
                result.beacons += beacons
            except IntegrityError:
                logger.info("Consent buffer window %s was already flushed.", window)
        stale = [*keys, slots_key(window)]
        for start in range(0, len(stale), BATCH):
            cache.delete_many(stale[start : start + BATCH])
    finally:
        cache.delete(lock)
