"""Cache-buffered counting: atomic increments in a shared cache, flushed to the database in batches.

Design (documented in the README, "Storage modes"):

* Time is cut into windows of ``USAGE_BUFFER_WINDOW`` seconds.
* On Django's Redis cache (``redis_buffer``), a window is one Redis hash whose fields are its
  counters: a hit is one ``MULTI; HINCRBY…; EXPIRE; EXEC``, so counting a hit and registering its
  counters are one atomic step that no dying process can split.
* On other shared caches (Memcached), a hit increments one cache counter per counter key of the
  current window (``incr``; the process whose ``add`` creates a counter is its only creator),
  and the creator registers the new counter in the window's registry (a slot number from
  ``incr``, then the key under that slot). A process that dies between the two loses that
  counter's window: Redis is the recommended buffer.
* While the cache cannot be reached, hits are added straight to the database (logged once per
  outage). What can still be lost: hits buffered since the last flush when the cache itself
  loses its memory (a Redis killed without an append-only file, flushed, or evicting keys:
  checks W042 and W043).
* A window is flushed once the *next* window is over too, so no process is still writing it. The
  flush reads the window's counters, then, in ONE database transaction, inserts a
  ``UsageFlush(window)`` row (primary key: the window) and adds the counts. A second flusher of
  the same window (two cron jobs, a crash and a retry) fails on that primary key and rolls back:
  no count is written twice. The cache keys are deleted only after the commit; if the process
  dies in between, the next flush sees the marker and only deletes them.

System check W040 warns about local-memory, file, database and dummy caches.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import BaseCache, caches
from django.db import IntegrityError, OperationalError, transaction

from wagtail_tracking.conf import tracking_settings

from . import redis_buffer
from .models import CounterKey, UsageFlush
from .storage import add_counts


logger = logging.getLogger(__name__)

PREFIX = "wt_usage"
BATCH = 500


def get_cache() -> BaseCache:
    return caches[tracking_settings.USAGE_CACHE_ALIAS]


def current_window(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // tracking_settings.USAGE_BUFFER_WINDOW)


def encode_counter(counter: CounterKey) -> str:
    day, site_id, kind, audience, object_id, endpoint, referrer = counter
    return "\t".join(
        [day.isoformat(), str(site_id), kind, str(audience), str(object_id), endpoint, referrer]
    )


def decode_counter(text: str) -> CounterKey:
    day, site_id, kind, audience, object_id, endpoint, referrer = text.split("\t")
    return (
        date.fromisoformat(day),
        int(site_id),
        kind,
        int(audience),
        int(object_id),
        endpoint,
        referrer,
    )


def counter_key(window: int, encoded: str) -> str:
    # Hashed: referrers can be long and Memcached keys are limited to 250 characters.
    digest = hashlib.blake2b(encoded.encode(), digest_size=12).hexdigest()
    return f"{PREFIX}:{window}:c:{digest}"


def slots_key(window: int) -> str:
    return f"{PREFIX}:{window}:n"


def slot_key(window: int, slot: int) -> str:
    return f"{PREFIX}:{window}:s:{slot}"


def lock_key(window: int) -> str:
    return f"{PREFIX}:{window}:lock"


def hash_name(window: int) -> str:
    """The Redis hash of a window (Redis caches only): counter -> hits."""
    return f"{PREFIX}:{window}:h"


#: True while this process finds the cache unreachable: logged once per outage, not per hit.
_unreachable = False


def buffer_counters(counters: list[CounterKey], *, now: float | None = None) -> None:
    """Add 1 to each counter in the cache buffer of the current window; straight into the
    database while the cache cannot be reached, so that no hit is dropped."""
    global _unreachable
    try:
        _buffer(counters, now)
    except Exception:
        if not _unreachable:
            _unreachable = True
            logger.exception(
                "The usage buffer cache cannot be reached: counting into the database until it "
                "can (logged once)."
            )
        add_counts(dict.fromkeys(counters, 1))
        return
    if _unreachable:
        _unreachable = False
        logger.warning("The usage buffer cache is reachable again: counting into it.")


def _buffer(counters: list[CounterKey], now: float | None) -> None:
    cache = get_cache()
    window = current_window(now)
    timeout = tracking_settings.USAGE_BUFFER_TIMEOUT
    encoded = [encode_counter(counter) for counter in counters]
    client = redis_buffer.redis_client(cache)
    if client is not None:
        # One atomic command: the increment is the registration.
        redis_buffer.increment(
            client, redis_buffer.hash_key(cache, hash_name(window)), encoded, timeout
        )
        return
    for text in encoded:
        if _incr_or_create(cache, counter_key(window, text), timeout):
            _register(cache, window, text, timeout)


def _incr_or_create(cache, key: str, timeout: int) -> bool:
    try:
        cache.incr(key)
        return False
    except ValueError:  # missing: create it, unless another process just did
        if cache.add(key, 1, timeout):
            return True
        cache.incr(key)
        return False


def _register(cache, window: int, encoded: str, timeout: int) -> None:
    key = slots_key(window)
    slot = 1 if cache.add(key, 1, timeout) else cache.incr(key)
    cache.set(slot_key(window, slot), encoded, timeout)


@dataclass
class FlushResult:
    windows: list[int] = field(default_factory=list)
    rows: int = 0
    hits: int = 0

    def as_dict(self) -> dict:
        return {"windows": len(self.windows), "rows": self.rows, "hits": self.hits}


def flush_usage_buffer(*, now: float | None = None, include_open: bool = False) -> FlushResult:
    """Write every closed buffer window to the database. Safe to run concurrently.

    Args:
        now: the clock, for tests.
        include_open: also flush the current and previous windows (tests and shutdown only:
            a process still writing to them would lose its increments).
    """
    cache = get_cache()
    window_seconds = tracking_settings.USAGE_BUFFER_WINDOW
    current = current_window(now)
    oldest = current - math.ceil(tracking_settings.USAGE_BUFFER_TIMEOUT / window_seconds) - 1
    last = current if include_open else current - 2
    flushed = set(UsageFlush.objects.filter(window__gte=oldest).values_list("window", flat=True))
    result = FlushResult()
    candidates = list(range(oldest, last + 1))
    client = redis_buffer.redis_client(cache)
    for start in range(0, len(candidates), BATCH):
        chunk = candidates[start : start + BATCH]
        if client is not None:
            keys = [redis_buffer.hash_key(cache, hash_name(w)) for w in chunk]
            for window, size in zip(chunk, redis_buffer.sizes(client, keys), strict=True):
                if size:
                    _flush_hash(cache, client, window, window in flushed, result)
            continue
        sizes = cache.get_many([slots_key(w) for w in chunk])
        for window in chunk:
            slots = sizes.get(slots_key(window))
            if slots:
                _flush_window(cache, window, int(slots), window in flushed, result)
    UsageFlush.objects.filter(window__lt=oldest).delete()
    return result


def pending_counters(window: int) -> int:
    """How many counters of ``window`` wait in the cache (tests and diagnostics)."""
    cache = get_cache()
    client = redis_buffer.redis_client(cache)
    if client is not None:
        return redis_buffer.sizes(client, [redis_buffer.hash_key(cache, hash_name(window))])[0]
    return int(cache.get(slots_key(window)) or 0)


def _flush_hash(cache, client, window: int, already_flushed: bool, result) -> None:
    if not cache.add(lock_key(window), 1, 300):
        return  # another flusher has it
    try:
        key = redis_buffer.hash_key(cache, hash_name(window))
        counts = Counter(
            {decode_counter(text): n for text, n in redis_buffer.read(client, key).items()}
        )
        _record(window, counts, already_flushed, result)
        redis_buffer.delete(client, key)
    finally:
        cache.delete(lock_key(window))


def _record(window: int, counts: Counter, already_flushed: bool, result) -> None:
    if not already_flushed and _write_once(window, counts):
        result.windows.append(window)
        result.rows += len(counts)
        result.hits += sum(counts.values()) // 2  # every hit has an object and a referrer row


def _flush_window(cache, window: int, slots: int, already_flushed: bool, result) -> None:
    if not cache.add(lock_key(window), 1, 300):
        return  # another flusher has it
    try:
        registry_keys = [slot_key(window, slot) for slot in range(1, slots + 1)]
        encoded_by_slot = {}
        for start in range(0, len(registry_keys), BATCH):
            encoded_by_slot.update(cache.get_many(registry_keys[start : start + BATCH]))
        counter_keys = {counter_key(window, text): text for text in encoded_by_slot.values()}
        values = {}
        keys = list(counter_keys)
        for start in range(0, len(keys), BATCH):
            values.update(cache.get_many(keys[start : start + BATCH]))
        counts = Counter()
        for key, text in counter_keys.items():
            if values.get(key):
                counts[decode_counter(text)] += int(values[key])
        _record(window, counts, already_flushed, result)
        stale = registry_keys + keys + [slots_key(window)]
        for start in range(0, len(stale), BATCH):
            cache.delete_many(stale[start : start + BATCH])
    finally:
        cache.delete(lock_key(window))


def _write_once(window: int, counts: Counter, retries: int = 3) -> bool:
    for attempt in range(retries):
        try:
            with transaction.atomic():
                UsageFlush.objects.create(window=window)
                add_counts(counts, retries=1)
            return True
        except IntegrityError:
            logger.info("Usage buffer window %s was already flushed.", window)
            return False
        except OperationalError:
            if attempt == retries - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    return False  # pragma: no cover
