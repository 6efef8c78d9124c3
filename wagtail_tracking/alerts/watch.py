"""The receiver on the activity stream: watch in the edit, evaluate after the commit.

It runs inside the editor's transaction and only asks each rule's ``watch`` about the events in
memory. What may fire is handed, once the transaction commits, to the background task
(``tasks.evaluate_alerts_task``): Wagtail's default backend runs it at once, a worker backend
runs it there. Nothing here raises: an error is logged (``wagtail_tracking.alerts``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from wagtail_tracking.activity.models import ActivityEvent

from .evaluate import Candidate
from .registry import get_rules
from .rules import AlertRule
from .tasks import evaluate_alerts_task


logger = logging.getLogger("wagtail_tracking.alerts")


def watch_events(sender: Any, events: Sequence[ActivityEvent], **kwargs: Any) -> None:
    """Receiver of ``activity.stream.events_recorded``: no query, one callback per batch."""
    try:
        candidates = candidates_for(events, get_rules().values())
    except Exception:
        logger.exception("wagtail_tracking: an alert rule failed to watch an event.")
        return
    if candidates:
        transaction.on_commit(lambda: enqueue(candidates))


def candidates_for(events: Iterable[ActivityEvent], rules: Iterable[AlertRule]) -> list[Candidate]:
    found: list[Candidate] = []
    for rule in rules:
        for event in events:
            subject = rule.watch(event)
            if subject is not None and [rule.slug, subject] not in found:
                found.append([rule.slug, subject])
    return found


def enqueue(candidates: list[Candidate]) -> None:
    try:
        evaluate_alerts_task.enqueue(candidates)
    except Exception:
        logger.exception("wagtail_tracking: could not enqueue the alert rules.")
