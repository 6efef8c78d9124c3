"""The questions the built-in rules ask of the activity log, each one small query function.

Kept apart so that a change in how the log records something (failed logins, say, aggregated
per account and time window with a count) changes one function here and no rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import Coalesce

from wagtail_tracking.activity import actions
from wagtail_tracking.activity.models import ActivityEvent


REMOVALS = (actions.DELETE, "wagtail.unpublish")


@dataclass(frozen=True)
class Burst:
    """How many times something happened since a moment, and the first event counted."""

    count: int
    first_event_id: int | None
    event_ids: list[int]


def _burst(condition: Q, since: datetime, *, weight: str | None = None) -> Burst:
    events = ActivityEvent.objects.filter(condition, timestamp__gte=since).order_by()
    # A repeated (coalesced) event counts its repeats when the log aggregates them.
    total = Sum(weight) if weight else Count("pk")
    figures = events.aggregate(count=Coalesce(total, 0), first=Min("pk"))
    ids = list(events.order_by("pk").values_list("pk", flat=True)[:50]) if figures["count"] else []
    return Burst(figures["count"], figures["first"], ids)


def removals_by(user_id: int, since: datetime) -> Burst:
    """Objects one user deleted or unpublished since ``since``."""
    return _burst(Q(user_id=user_id, action__in=REMOVALS), since)


def failed_logins(since: datetime, username: str | None = None) -> Burst:
    """Failed logins since ``since``, for one username (case-insensitive) or overall.

    Assumes one ``login_failed`` event per attempt, or one per account and time window whose
    ``repeat_count`` holds the attempts: both are summed the same way.
    """
    condition = Q(action=actions.LOGIN_FAILED)
    if username is not None:
        condition &= Q(affected_username__iexact=username)
    return _burst(condition, since, weight="repeat_count")
