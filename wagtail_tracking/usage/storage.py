"""The database storage: counts added to the stored counters by one atomic upsert per batch.

Hits come here directly (``USAGE_STORAGE = "database"``, one hit per call) or through the cache
buffer's flush (``buffer``, many hits per call). Either way ONE statement per batch, a multi-row
upsert, adds to the counters atomically inside the database, so concurrent processes never lose
or double an increment:

* SQLite and PostgreSQL: ``INSERT … ON CONFLICT (…) DO UPDATE SET count = count + excluded.count``
* MariaDB/MySQL: ``INSERT … ON DUPLICATE KEY UPDATE count = count + VALUES(count)``

Django's ``bulk_create(update_conflicts=True)`` cannot express ``count + excluded.count``, hence
the small amount of per-vendor SQL below, built only from quoted identifiers and placeholders.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from django.db import IntegrityError, OperationalError, connections, models, router, transaction
from django.db.models import F

from .models import CounterKey, UsageCount


#: The columns of a counter key, in its order (the model's unique constraint): "site_id"…
COUNTER_FIELDS = tuple(
    UsageCount._meta.get_field(name).attname for name in UsageCount.COUNTER_FIELDS
)


def add_counts(counts: Mapping[CounterKey, int], *, batch_size: int = 500, retries: int = 3) -> int:
    """Add ``{counter key: n}`` to the stored counters. Returns the number of rows written."""
    return upsert_counts(UsageCount, COUNTER_FIELDS, counts, batch_size=batch_size, retries=retries)


def upsert_counts(
    model: type[models.Model],
    fields: tuple[str, ...],
    counts: Mapping[tuple, int],
    *,
    batch_size: int = 500,
    retries: int = 3,
) -> int:
    """Add ``{key: n}`` to the ``count`` column of any counter table whose unique constraint is
    ``fields`` (column names, in key order). The neutral counter store: usage counts with it,
    and consent statistics reuse it for their own table (``consent.insights``)."""
    rows = sorted((key, n) for key, n in counts.items() if n)
    using = router.db_for_write(model)
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        for attempt in range(retries):
            try:
                _upsert(model, fields, batch, using)
                break
            except OperationalError:
                # MariaDB may pick a concurrent upsert as a deadlock victim (error 1213), SQLite
                # may time out on its write lock: the statement did nothing, so run it again.
                if attempt == retries - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
    return len(rows)


def _upsert(model, fields: tuple[str, ...], rows: list[tuple[tuple, int]], using: str) -> None:
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql", "mysql"):
        _portable_upsert(model, fields, rows, using)
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [quote(name) for name in fields] + [quote("count")]
    count = quote("count")
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES {placeholders} "  # noqa: S608
    if vendor == "mysql":
        sql += f"ON DUPLICATE KEY UPDATE {count} = {count} + VALUES({count})"
    else:
        conflict = ", ".join(columns[:-1])
        sql += (
            f"ON CONFLICT ({conflict}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
        )
    params: list[object] = []
    for key, n in rows:
        params.extend(key)
        params.append(n)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _portable_upsert(model, fields, rows: Iterable[tuple[tuple, int]], using: str) -> None:
    """Other databases: update, else insert, else update again if another process won the race."""
    for key, n in rows:
        lookup = dict(zip(fields, key, strict=True))
        manager = model._default_manager.using(using)
        if manager.filter(**lookup).update(count=F("count") + n):
            continue
        try:
            with transaction.atomic(using=using):
                manager.create(**lookup, count=n)
        except IntegrityError:
            manager.filter(**lookup).update(count=F("count") + n)
