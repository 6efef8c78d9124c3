"""What the Consent report reads: daily counts, totals against the previous period, tool rates.

Every query is bounded by the period's days (and the previous period's), on the counter table's
unique index (day first), so its cost follows the window asked for, not the table's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum

from wagtail_tracking.periods import Period

from .models import ConsentCount, ConsentEvent


#: The events of the daily chart and the export, in order.
DAILY_EVENTS = (
    ConsentEvent.SHOWN,
    ConsentEvent.ACCEPTED,
    ConsentEvent.REFUSED,
    ConsentEvent.CUSTOMISED,
)


def _both_periods(rows: QuerySet[ConsentCount], period: Period) -> QuerySet[ConsentCount]:
    return rows.filter(day__gte=period.previous().start, day__lte=period.end)


def totals(rows: QuerySet[ConsentCount], period: Period) -> dict[str, tuple[int, int]]:
    """{event: (total in the period, total in the previous one)} of the site-wide events."""
    found = {
        row["event"]: (row["total"] or 0, row["previous"] or 0)
        for row in _both_periods(rows.filter(tool=""), period)
        .values("event")
        .annotate(
            total=Sum("count", filter=Q(day__gte=period.start)),
            previous=Sum("count", filter=Q(day__lt=period.start)),
        )
        .order_by()
    }
    return {event.value: found.get(event.value, (0, 0)) for event in ConsentEvent}


def daily(rows: QuerySet[ConsentCount], period: Period) -> dict[str, list[int]]:
    """{event: [count of each day]} for ``DAILY_EVENTS``, days without a beacon at 0."""
    index = {day: i for i, day in enumerate(period.each_day())}
    series = {event.value: [0] * period.days for event in DAILY_EVENTS}
    for row in (
        rows.filter(tool="", day__gte=period.start, day__lte=period.end)
        .values("day", "event")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        if row["event"] in series:
            series[row["event"]][index[row["day"]]] = row["n"]
    return series


@dataclass(frozen=True)
class ToolRate:
    """One tool's choices in the period; ``seen_share``: the share of visits it could measure."""

    tool: str
    accepted: int
    refused: int
    shown: int

    @property
    def rate(self) -> int | None:
        """Acceptance among the visitors who chose, in %."""
        chose = self.accepted + self.refused
        return round(self.accepted * 100 / chose) if chose else None

    @property
    def seen_share(self) -> float | None:
        """Acceptances over the visits asked (a banner shown, or a choice when more): visitors
        who ignored the banner are not measured either. An estimate, between 0 and 1."""
        asked = max(self.shown, self.accepted + self.refused)
        return min(1.0, self.accepted / asked) if asked else None


def tool_rates(rows: QuerySet[ConsentCount], period: Period) -> list[ToolRate]:
    shown = totals(rows, period)[ConsentEvent.SHOWN.value][0]
    per_tool: dict[str, dict[str, int]] = {}
    for row in (
        rows.exclude(tool="")
        .filter(day__gte=period.start, day__lte=period.end)
        .values("tool", "event")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        per_tool.setdefault(row["tool"], {})[row["event"]] = row["n"]
    return [
        ToolRate(
            tool=tool,
            accepted=events.get(ConsentEvent.TOOL_ACCEPTED.value, 0),
            refused=events.get(ConsentEvent.TOOL_REFUSED.value, 0),
            shown=shown,
        )
        for tool, events in sorted(per_tool.items())
    ]
