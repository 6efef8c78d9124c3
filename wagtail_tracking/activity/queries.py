"""Aggregates of the activity log for the back-office reports, computed per selected window.

Every query is bounded by the period's timestamps (the ``(timestamp)``, ``(user, timestamp)``
and ``(object_type, timestamp)`` indexes), so its cost follows the window, not the table.

Days and weekdays are in the site's time zone. Databases disagree on time-zone conversion
(MariaDB needs its time-zone tables), so the period is split where the UTC offset changes
(daylight saving) and each span's timestamps are shifted by its fixed offset in SQL.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Q,
    Value,
)
from django.db.models.functions import Cast, Concat, TruncDate
from django.utils import timezone

from wagtail_tracking.activity import actions
from wagtail_tracking.models import ActivityEvent
from wagtail_tracking.reports.periods import Period


# Authentication is not work on content: logins and failed logins are not "actions".
AUTH_ACTIONS = (actions.LOGIN, actions.LOGOUT, actions.LOGIN_FAILED)


def period_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware start of the first day and start of the day after the last, in local time."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(
        period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    return start, end


def actions_queryset():
    return ActivityEvent.objects.exclude(action__in=AUTH_ACTIONS)


def in_period(events, period: Period):
    start, end = period_bounds(period)
    return events.filter(timestamp__gte=start, timestamp__lt=end)


def totals(events, period: Period) -> tuple[dict[str, int], dict[str, int]]:
    """Actions, active users and modified objects in the period and in the previous one.

    One scan of both periods: each figure is a filtered aggregate.
    """
    start, end = period_bounds(period)
    previous_start, _ = period_bounds(period.previous())
    with_object = Q(object_id__gt="")
    object_key = Concat(
        Cast("content_type_id", CharField()), Value(":"), "object_id", output_field=CharField()
    )
    aggregates = {}
    for name, condition in (
        ("current", Q(timestamp__gte=start)),
        ("previous", Q(timestamp__lt=start)),
    ):
        aggregates[f"{name}_actions"] = Count("pk", filter=condition)
        aggregates[f"{name}_users"] = Count("user_id", filter=condition, distinct=True)
        aggregates[f"{name}_objects"] = Count(
            object_key, filter=condition & with_object, distinct=True
        )
    counts = (
        events.filter(timestamp__gte=previous_start, timestamp__lt=end)
        .order_by()
        .aggregate(**aggregates)
    )
    return tuple(
        {key: counts[f"{name}_{key}"] for key in ("actions", "users", "objects")}
        for name in ("current", "previous")
    )


def offset_segments(
    period: Period,
) -> list[tuple[datetime.datetime, datetime.datetime, datetime.timedelta]]:
    """Split the period into spans of constant UTC offset: (UTC start, UTC end, offset).

    One span per daylight-saving change (at most three a year); each transition is found to
    the minute.
    """
    tz = timezone.get_current_timezone()
    start, end = (moment.astimezone(datetime.UTC) for moment in period_bounds(period))

    def offset(moment):
        return moment.astimezone(tz).utcoffset()

    segments = []
    segment_start, current = start, offset(start)
    hour = datetime.timedelta(hours=1)
    moment = start
    while moment < end:
        following = min(moment + hour, end)
        if offset(following - datetime.timedelta(minutes=1)) != current:
            change = moment
            while offset(change) == current:
                change += datetime.timedelta(minutes=1)
            segments.append((segment_start, change, current))
            segment_start, current = change, offset(change)
        moment = following
    segments.append((segment_start, end, current))
    return segments


def daily_and_weekdays(events, period: Period):
    """Actions per local day and object type, and actions by logged-in users per local weekday.

    Returns ``({object_type: [count per day]}, [count Monday … Sunday])``. The SQL shifts
    timestamps by the span's UTC offset and groups by UTC date: no time-zone conversion in the
    database, so no dependency on MariaDB's time-zone tables.
    """
    days = list(period.each_day())
    index = {day: i for i, day in enumerate(days)}
    daily: dict[str, list[int]] = defaultdict(lambda: [0] * len(days))
    weekdays = [0] * 7
    for segment_start, segment_end, offset in offset_segments(period):
        rows = (
            events.filter(timestamp__gte=segment_start, timestamp__lt=segment_end)
            .order_by()
            .annotate(
                local_day=TruncDate(
                    ExpressionWrapper(
                        F("timestamp") + Value(offset, output_field=DurationField()),
                        output_field=DateTimeField(),
                    ),
                    tzinfo=datetime.UTC,
                )
            )
            .values("local_day", "object_type")
            .annotate(total=Count("pk"), by_users=Count("user_id"))
        )
        for row in rows:
            position = index.get(row["local_day"])
            if position is None:  # pragma: no cover - the spans cover local days exactly
                continue
            daily[row["object_type"]][position] += row["total"]
            weekdays[row["local_day"].weekday()] += row["by_users"]
    return dict(daily), weekdays


def by_action(events, period: Period) -> list[tuple[str, int]]:
    rows = (
        in_period(events, period)
        .order_by()
        .values("action")
        .annotate(total=Count("pk"))
        .order_by("-total", "action")
    )
    return [(row["action"], row["total"]) for row in rows]


def top_users(events, period: Period, limit: int = 5) -> list[dict]:
    """The most active users, each with their actions per action type and previous count."""
    rows = list(
        in_period(events, period)
        .filter(user_id__isnull=False)
        .order_by()
        .values("user_id")
        .annotate(total=Count("pk"), user_name=Max("user_name"))
        .order_by("-total", "user_id")[:limit]
    )
    ids = [row["user_id"] for row in rows]
    breakdown: dict[int, Counter] = defaultdict(Counter)
    for row in (
        in_period(events, period)
        .filter(user_id__in=ids)
        .order_by()
        .values("user_id", "action")
        .annotate(total=Count("pk"))
    ):
        breakdown[row["user_id"]][row["action"]] = row["total"]
    previous = dict(
        in_period(events, period.previous())
        .filter(user_id__in=ids)
        .order_by()
        .values("user_id")
        .annotate(total=Count("pk"))
        .values_list("user_id", "total")
    )
    for row in rows:
        row["actions"] = breakdown[row["user_id"]].most_common()
        row["previous"] = previous.get(row["user_id"], 0)
    return rows


def ranked_users(events, period: Period):
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


def ranked_objects(events, period: Period):
    """Every object's actions in the period and the previous one, with its latest title."""
    start, end = period_bounds(period)
    previous_start, _ = period_bounds(period.previous())
    return (
        events.filter(timestamp__gte=previous_start, timestamp__lt=end)
        .exclude(object_id="")
        .order_by()
        .values("object_type", "content_type_id", "object_id")
        .annotate(
            title=Max("object_title"),
            last_action=Max("timestamp"),
            total=Count("pk", filter=Q(timestamp__gte=start)),
            previous=Count("pk", filter=Q(timestamp__lt=start)),
        )
        .filter(total__gt=0)
    )


def ranked_pages(events, period: Period):
    return ranked_objects(events.filter(object_type="page"), period)


def ranked_non_pages(events, period: Period):
    return ranked_objects(events.exclude(object_type="page"), period)


def top_objects(events, period: Period, limit: int = 5) -> list[dict]:
    """The most modified objects of the period, then their previous count (two small scans)."""
    rows = list(
        in_period(events, period)
        .exclude(object_id="")
        .order_by()
        .values("object_type", "content_type_id", "object_id")
        .annotate(title=Max("object_title"), last_action=Max("timestamp"), total=Count("pk"))
        .order_by("-total", "-last_action")[:limit]
    )
    if not rows:
        return rows
    keys = Q()
    for row in rows:
        keys |= Q(content_type_id=row["content_type_id"], object_id=row["object_id"])
    previous = {
        (item["content_type_id"], item["object_id"]): item["total"]
        for item in in_period(events, period.previous())
        .filter(keys)
        .order_by()
        .values("content_type_id", "object_id")
        .annotate(total=Count("pk"))
    }
    for row in rows:
        row["previous"] = previous.get((row["content_type_id"], row["object_id"]), 0)
    return rows
