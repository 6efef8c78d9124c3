"""Aggregates of the daily counters, shared by the Usage report and the admin panels.

Every query is a GROUP BY over the rows of the selected days only (the unique index starts with
the day), so its cost follows the length of the period, not the age of the table.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.db.models import Q, QuerySet, Sum

from wagtail_tracking.periods import Period

from .kinds import KINDS
from .models import UsageCount, UsageCountQuerySet


class ObjectUsage(TypedDict):
    """One object's use over a period, for the panels."""

    daily: list[int]
    total: int
    previous: int
    by_audience: dict[int, int]


def _current_and_previous(period: Period) -> dict[str, Sum]:
    previous = period.previous()
    return {
        "total": Sum("count", filter=Q(day__gte=period.start)),
        "previous": Sum("count", filter=Q(day__lte=previous.end)),
    }


def _both_periods(rows: UsageCountQuerySet, period: Period) -> UsageCountQuerySet:
    return rows.filter(day__gte=period.previous().start, day__lte=period.end)


def totals_by_kind(rows: UsageCountQuerySet, period: Period) -> dict[str, tuple[int, int]]:
    """{kind value: (total in the period, total in the previous period)} for every kind."""
    found = {
        row["kind"]: (row["total"] or 0, row["previous"] or 0)
        for row in _both_periods(rows.object_rows(), period)
        .values("kind")
        .annotate(**_current_and_previous(period))
        .order_by()
    }
    return {kind.value: found.get(kind.value, (0, 0)) for kind in KINDS}


def daily_by_kind(rows: UsageCountQuerySet, period: Period) -> dict[str, list[int]]:
    """{kind value: [count of each day of the period]}, days without hits at 0."""
    index = {day: i for i, day in enumerate(period.each_day())}
    series = {kind.value: [0] * period.days for kind in KINDS}
    for row in (
        rows.object_rows()
        .in_period(period.start, period.end)
        .values("day", "kind")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        if row["kind"] in series:
            series[row["kind"]][index[row["day"]]] = row["n"]
    return series


def ranked(rows: UsageCountQuerySet, period: Period, group_by: str) -> QuerySet[Any, Any]:
    """Rows grouped by ``group_by`` with ``total`` and ``previous``, only those used in the period."""
    grouped: QuerySet[Any, Any] = (
        _both_periods(rows, period)
        .values(group_by)
        .annotate(**_current_and_previous(period))
        .filter(total__gt=0)
        .order_by("-total", group_by)
    )
    return grouped


def top_objects(rows: UsageCountQuerySet, period: Period, kind: str) -> QuerySet[Any, Any]:
    """The objects of ``kind`` (a kind's value) most used in the period."""
    return ranked(rows.object_rows().filter(kind=kind), period, "object_id")


def top_endpoints(rows: UsageCountQuerySet, period: Period, kind: str) -> QuerySet[Any, Any]:
    """The endpoints of ``kind`` (a kind counted per endpoint) most used in the period."""
    return ranked(rows.object_rows().filter(kind=kind), period, "endpoint")


def top_referrers(rows: UsageCountQuerySet, period: Period) -> QuerySet[Any, Any]:
    return ranked(rows.referrer_rows(), period, "referrer")


def object_usage(kind: str, object_id: int, period: Period) -> ObjectUsage:
    """Daily counts of one page or document, its totals per audience and the previous period's
    total, for the panels: one query over the (kind, object_id, day) index."""
    previous = period.previous()
    daily = [0] * period.days
    index = {day: i for i, day in enumerate(period.each_day())}
    by_audience: dict[int, int] = {}
    previous_total = 0
    for row in (
        UsageCount.objects.object_rows()
        .filter(kind=kind, object_id=object_id)
        .in_period(previous.start, period.end)
        .values("day", "audience")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        if row["day"] < period.start:
            previous_total += row["n"]
            continue
        daily[index[row["day"]]] += row["n"]
        by_audience[row["audience"]] = by_audience.get(row["audience"], 0) + row["n"]
    return {
        "daily": daily,
        "total": sum(daily),
        "previous": previous_total,
        "by_audience": by_audience,
    }
