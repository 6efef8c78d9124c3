"""Grouped queries on the activity log for the "Show more" lists and drill-downs.

They honour every filter (object type, action, user, search), so they read the events, not
the rollups; each is bounded by the period's timestamps (the ``(timestamp)``,
``(user, timestamp, action, object)``, ``(action, timestamp, object)`` and
``(object_type, timestamp)`` indexes). The dashboard itself reads ``summary.ActivitySummary``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeAlias

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery

from wagtail_tracking.periods import Period

from .models import ActivityEvent
from .rollups import actions_queryset, day_bounds


# The reports read the "actions" (events other than authentication) through this module.
__all__ = ["actions_queryset", "in_period", "period_bounds"]

Events: TypeAlias = QuerySet[ActivityEvent]
#: Rows grouped by user or object, with ``total`` and ``previous`` counts.
RankedRows: TypeAlias = QuerySet[ActivityEvent, Mapping[str, Any]]


def period_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware start of the first day and start of the day after the last, in site time."""
    return day_bounds(period.start, period.end)


def in_period(events: Events, period: Period) -> Events:
    start, end = period_bounds(period)
    return events.filter(timestamp__gte=start, timestamp__lt=end)


def titles_newest_first(events: Events) -> QuerySet[ActivityEvent, str]:
    """Titles are snapshots and objects get renamed: the latest non-empty one names the object."""
    return (
        events.exclude(object_title="")
        .order_by("-timestamp")
        .values_list("object_title", flat=True)
    )


def latest_title_subquery() -> Subquery:
    """The object's latest title, as a subquery of rows grouped by object."""
    return Subquery(
        titles_newest_first(
            ActivityEvent.objects.filter(
                content_type_id=OuterRef("content_type_id"), object_id=OuterRef("object_id")
            )
        )[:1]
    )


def ranked_users(events: Events, period: Period) -> RankedRows:
    """Every user's actions in the period and the previous one, for the "Show more" list."""
    start, end = period_bounds(period)
    previous_start, _ = period_bounds(period.previous())
    return (
        events.filter(user_id__isnull=False, timestamp__gte=previous_start, timestamp__lt=end)
        .order_by()
        .values("user_id")
        .annotate(
            user_name=Max("user_name"),
            total=Count("pk", filter=Q(timestamp__gte=start)),
            previous=Count("pk", filter=Q(timestamp__lt=start)),
        )
        .filter(total__gt=0)
    )


def ranked_objects(events: Events, period: Period) -> RankedRows:
    """Every object's actions in the period and the previous one, with its latest title."""
    start, end = period_bounds(period)
    previous_start, _ = period_bounds(period.previous())
    return (
        events.filter(timestamp__gte=previous_start, timestamp__lt=end)
        .exclude(object_id="")
        .order_by()
        .values("object_type", "content_type_id", "object_id")
        .annotate(
            last_action=Max("timestamp"),
            # Counting timestamps (never null) counts the events from the indexes alone.
            total=Count("timestamp", filter=Q(timestamp__gte=start)),
            previous=Count("timestamp", filter=Q(timestamp__lt=start)),
        )
        .filter(total__gt=0)
        .annotate(title=latest_title_subquery())
    )


def ranked_pages(events: Events, period: Period) -> RankedRows:
    return ranked_objects(events.filter(object_type="page"), period)


def ranked_non_pages(events: Events, period: Period) -> RankedRows:
    return ranked_objects(events.exclude(object_type="page"), period)
