"""The back-office dashboard's numbers for a period and the one before it.

Finished days come from the rollups (a few rows per day, or per month for objects); the days
not yet finished (today, usually) from the events themselves. Counts are merged here; objects,
too many to bring back, are added up, counted and ranked in one SQL statement over both
sources (``UNION ALL``). A one-year window thus costs little more than a two-week one.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, F, Max, Q, Sum
from django.utils.functional import cached_property

from wagtail_tracking.periods import Period

from .actions import AUTH_ACTIONS
from .models import (
    ActivityEvent,
    DailyActivityCount,
    ObjectActivityCount,
    RollupSpan,
)
from .object_sums import count_objects, top_objects_and_count
from .queries import titles_newest_first
from .rollup_blocks import prepare_rollups, request_budget
from .rollups import (
    ONE_DAY,
    actions_queryset,
    daily_counts,
    day_bounds,
    events_by_local_day,
    month_end,
    whole_months,
)
from .tasks import schedule_rollups


TOP_LIMIT = 5
# Days not summarised yet are read from the events up to this many events per period; beyond,
# the dashboard says that older figures are being prepared instead of taking seconds.
LIVE_READ_LIMIT = 10_000


class ActivitySummary:
    """What the dashboard and the home panel show, for every site or one."""

    def __init__(self, period: Period, site_id=None):
        self.period = period
        self.previous_period = period.previous()
        self.site_id = site_id
        # Each window reads its own whole months and edge days: build what fits in the request.
        windows = [(p.start, p.end) for p in (self.previous_period, period)]
        readiness = prepare_rollups(*windows, budget=request_budget())
        self.last_finished_day = readiness.finished
        self._built_from = {
            p: readiness.complete_from[p.start, p.end] for p in (self.previous_period, period)
        }
        self._live_daily_rows: dict[Period, list[dict]] = {}
        #: Set when days before it are neither summarised yet nor cheap to read: not counted.
        self.preparing_before: datetime.date | None = None
        self._live_ranges = {p: self._read_live(p) for p in (self.previous_period, period)}
        if not readiness.complete:
            schedule_rollups(windows)

    # --- key figures -----------------------------------------------------------------------------

    def totals(self) -> tuple[dict[str, int], dict[str, int]]:
        """Actions, active users and modified objects, in the period and in the previous one."""
        return (
            {
                "actions": sum(self._current_by_user_and_action.values()),
                "users": len({user for user, _action in self._current_by_user_and_action} - {None}),
                "objects": self._current_objects["count"],
            },
            {
                "actions": sum(self._previous_by_user.values()),
                "users": len(set(self._previous_by_user) - {None}),
                "objects": count_objects(self.object_sources(self.previous_period)),
            },
        )

    # --- charts ----------------------------------------------------------------------------------

    def daily_by_type(self) -> dict[str, list[int]]:
        """Actions per local day of the period, per object type: ``{type: [count per day]}``."""
        index = {day: i for i, day in enumerate(self.period.each_day())}
        daily: dict[str, list[int]] = defaultdict(lambda: [0] * len(index))
        for (day, object_type), (total, _by_users) in self._by_day_and_type.items():
            daily[object_type][index[day]] += total
        return dict(daily)

    def weekdays(self) -> list[int]:
        """Actions by logged-in users per local weekday, Monday first."""
        counts = [0] * 7
        for (day, _object_type), (_total, by_users) in self._by_day_and_type.items():
            counts[day.weekday()] += by_users
        return counts

    def by_action(self) -> list[tuple[str, int]]:
        totals = Counter()
        for (_user, action), count in self._current_by_user_and_action.items():
            totals[action] += count
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))

    # --- top tables ------------------------------------------------------------------------------

    def top_users(self, limit: int = 5) -> list[dict]:
        """The most active users, each with their actions per action type and previous count."""
        totals: Counter = Counter()
        breakdown: dict = defaultdict(Counter)
        for (user, action), count in self._current_by_user_and_action.items():
            if user is not None:
                totals[user] += count
                breakdown[user][action] = count
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [
            {
                "user_id": user,
                "user_name": latest_user_name(user),
                "total": total,
                "previous": self._previous_by_user.get(user, 0),
                "actions": sorted(breakdown[user].items(), key=lambda item: (-item[1], item[0])),
            }
            for user, total in ranked
        ]

    def top_objects(self, *, pages: bool, limit: int = 5) -> list[dict]:
        """The most modified pages (or other objects), then by latest action."""
        rows = self._current_objects["pages" if pages else "others"][:limit]
        previous = self._previous_counts
        return [
            {
                **row,
                "title": latest_object_title(row["content_type_id"], row["object_id"]),
                "previous": previous.get((row["content_type_id"], row["object_id"]), 0),
            }
            for row in rows
        ]

    # --- sources ---------------------------------------------------------------------------------

    @cached_property
    def _by_day_and_type(self) -> dict:
        """``{(day, object_type): (actions, actions by logged-in users)}`` for the period."""
        counts: dict = defaultdict(lambda: (0, 0))
        table = (
            self.daily_table(self.period)
            .values("day", "object_type")
            .annotate(total=Sum("actions"), by_users=Sum("actions", filter=Q(user__isnull=False)))
        )
        for row in table:
            counts[row["day"], row["object_type"]] = (row["total"], row["by_users"] or 0)
        for row in self._live_daily(self.period):
            total, by_users = counts[row["day"], row["object_type"]]
            by_user = row["count"] if row["user_id"] is not None else 0
            counts[row["day"], row["object_type"]] = (total + row["count"], by_users + by_user)
        return counts

    @cached_property
    def _current_by_user_and_action(self) -> Counter:
        counts: Counter = Counter()
        table = (
            self.daily_table(self.period).values("user_id", "action").annotate(total=Sum("actions"))
        )
        for row in table:
            counts[row["user_id"], row["action"]] += row["total"]
        for row in self._live_daily(self.period):
            counts[row["user_id"], row["action"]] += row["count"]
        return counts

    @cached_property
    def _previous_by_user(self) -> Counter:
        counts: Counter = Counter()
        table = (
            self.daily_table(self.previous_period).values("user_id").annotate(total=Sum("actions"))
        )
        for row in table:
            counts[row["user_id"]] += row["total"]
        for row in self._live_daily(self.previous_period):
            counts[row["user_id"]] += row["count"]
        return counts

    @cached_property
    def _current_objects(self) -> dict:
        """The number of objects modified, and the top pages and top other objects."""
        return top_objects_and_count(self.object_sources(self.period), TOP_LIMIT)

    @cached_property
    def _previous_counts(self) -> dict:
        """``{(content_type_id, object_id): actions}`` in the previous period, for the top rows."""
        keys = Q(pk__in=[])
        for row in self._current_objects["pages"] + self._current_objects["others"]:
            keys |= Q(content_type_id=row["content_type_id"], object_id=row["object_id"])
        counts: Counter = Counter()
        for source in self.object_sources(self.previous_period):
            for row in source.filter(keys):
                counts[row["content_type_id"], row["object_id"]] += row["actions_count"]
        return counts

    def _finished(self, period: Period) -> tuple[datetime.date, datetime.date] | None:
        """The days of the period read from the rollups: finished, and built."""
        first = max(period.start, self._built_from[period])
        last = min(period.end, self.last_finished_day)
        return (first, last) if first <= last else None

    def _read_live(self, period: Period) -> list[tuple[datetime.date, datetime.date]]:
        """The days read from the events: not summarised yet (if cheap), and not finished."""
        ranges = []
        last_unbuilt = min(self._built_from[period], self.last_finished_day + ONE_DAY) - ONE_DAY
        if period.start <= last_unbuilt:
            start, end = day_bounds(period.start, last_unbuilt)
            events = self.for_site(actions_queryset()).filter(
                timestamp__gte=start, timestamp__lt=end
            )
            if events[: LIVE_READ_LIMIT + 1].count() <= LIVE_READ_LIMIT:
                ranges.append((period.start, last_unbuilt))
            else:
                self.preparing_before = max(
                    self.preparing_before or last_unbuilt, last_unbuilt + ONE_DAY
                )
        first = max(period.start, self.last_finished_day + ONE_DAY)
        if first <= period.end:
            ranges.append((first, period.end))
        return ranges

    def for_site(self, queryset):
        return queryset if self.site_id is None else queryset.filter(site_id=self.site_id)

    def daily_table(self, period: Period):
        days = self._finished(period)
        if days is None:
            return DailyActivityCount.objects.none()
        counts = DailyActivityCount.objects.filter(day__range=days).exclude(action__in=AUTH_ACTIONS)
        return self.for_site(counts).order_by()

    def _live_daily(self, period: Period) -> list[dict]:
        if period not in self._live_daily_rows:
            self._live_daily_rows[period] = [
                row
                for days in self._live_ranges[period]
                for events in events_by_local_day(self.for_site(actions_queryset()), *days)
                for row in daily_counts(events)
            ]
        return self._live_daily_rows[period]

    def live_ranges(self, period: Period) -> list[tuple[datetime.date, datetime.date]]:
        """The days of the period (or the one before) read from the events."""
        return self._live_ranges[period]

    def object_sources(self, period: Period, **lookups) -> list:
        """Rows of (object_type, content_type_id, object_id, actions, last_action) to add up.

        ``lookups`` are on fields both the object counts and the events have (type, title).
        """
        sources = []
        finished = self._finished(period)
        if finished is not None:
            sources.append(
                self.for_site(ObjectActivityCount.objects.filter(_spans(*finished), **lookups))
                .order_by()
                .values("object_type", "content_type_id", "object_id")
                .annotate(actions_count=F("actions"), last_action=F("last_timestamp"))
            )
        for days in self._live_ranges[period]:
            start, end = day_bounds(*days)
            sources.append(
                self.for_site(actions_queryset())
                .filter(timestamp__gte=start, timestamp__lt=end, **lookups)
                .exclude(object_id="")
                .order_by()
                .values("object_type", "content_type_id", "object_id")
                .annotate(actions_count=Count("pk"), last_action=Max("timestamp"))
            )
        return sources


def _spans(first: datetime.date, last: datetime.date) -> Q:
    """Month rows for the whole months of ``first``…``last``, day rows for the days around them."""
    months = whole_months(first, last)
    if not months:
        return Q(span=RollupSpan.DAY, start__range=(first, last))
    return (
        Q(span=RollupSpan.MONTH, start__range=(months[0], months[-1]))
        | Q(span=RollupSpan.DAY, start__gte=first, start__lt=months[0])
        | Q(span=RollupSpan.DAY, start__gt=month_end(months[-1]), start__lte=last)
    )


def latest_user_name(user_id) -> str:
    """The name the user had at their latest action (names are snapshots, and may be pseudonyms)."""
    return (
        ActivityEvent.objects.filter(user_id=user_id)
        .order_by("-timestamp")
        .values_list("user_name", flat=True)
        .first()
        or ""
    )


def latest_object_title(content_type_id, object_id) -> str:
    """The title the object had at its latest action (titles are snapshots; objects get renamed)."""
    events = ActivityEvent.objects.filter(content_type_id=content_type_id, object_id=object_id)
    return titles_newest_first(events).first() or ""
