"""Writing events in the transaction of the action, so that a failure never reaches the editor.

Every write of the capture goes through ``guarded``: an error is logged (``wagtail_tracking.activity``
logger) and the editor's action goes on. On PostgreSQL, where one failed statement aborts the
whole transaction, the write gets its own savepoint; elsewhere a savepoint would cost two round
trips per event for nothing.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from django.db import router, transaction

from .context import OperationScope
from .models import ActivityEvent
from .stream import announce


logger = logging.getLogger("wagtail_tracking.activity")

# Databases where a failed statement spoils only itself, not the transaction around it.
STATEMENT_ROLLBACK_VENDORS = frozenset({"sqlite", "mysql"})


def events_database() -> str:
    return router.db_for_write(ActivityEvent)


@contextlib.contextmanager
def guarded(what: str) -> Iterator[None]:
    """Run a write so that, on failure, it is logged and the editor's action goes on."""
    using = events_database()
    try:
        connection = transaction.get_connection(using)
        needs_savepoint = (
            connection.in_atomic_block and connection.vendor not in STATEMENT_ROLLBACK_VENDORS
        )
        with transaction.atomic(using=using) if needs_savepoint else contextlib.nullcontext():
            yield
    except Exception:
        logger.exception(
            "wagtail_tracking: could not record %s; the action itself went through.", what
        )


def save_event(event: ActivityEvent, scope: OperationScope | None = None, key=None) -> None:
    """Insert the event, or queue it when a bulk operation is running.

    With a ``key`` (see ``lookups.object_key``) the operation remembers the event as its
    object's, so that a later log entry for the same object completes it instead of doubling it.
    """
    if scope is not None and scope.batch is not None:
        scope.batch.append(event)
    else:
        with guarded(f"the {event.action} event"):
            _insert(event)
        if event.pk is None:
            return
        announce([event])
    if scope is not None and key is not None:
        scope.events[key] = event


def _insert(event: ActivityEvent) -> None:
    """One INSERT. In a transaction, without Model.save()'s round of signals to every app's
    receivers; outside one, save() (bulk_create would add BEGIN and COMMIT around it)."""
    using = events_database()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and connection.features.can_return_rows_from_bulk_insert:
        ActivityEvent.objects.using(using).bulk_create([event])
    else:  # MySQL gives the event its id through save() only
        event.save(force_insert=True, using=using)


def update_event(event: ActivityEvent, scope: OperationScope | None, fields: list[str]) -> bool:
    """Write changed fields of an event already recorded in this operation; False if it is gone."""
    if scope is not None and scope.batch is not None and event in scope.batch:
        return True  # still in memory, written with the batch
    if event.pk is None:
        return False
    updated = 0
    with guarded(f"the {event.action} event"):
        updated = (
            ActivityEvent.objects.using(events_database())
            .filter(pk=event.pk)
            .update(**{name: getattr(event, name) for name in fields})
        )
    return updated == 1


def save_batch(events: list[ActivityEvent]) -> None:
    """The events a bulk operation queued, in one statement."""
    if events:
        with guarded(f"{len(events)} events of a bulk action"):
            ActivityEvent.objects.using(events_database()).bulk_create(events)
            announce(events)
