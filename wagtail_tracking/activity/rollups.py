"""Build and forget the activity log's per-day rollups (``wagtail_tracking.activity.models``).

A day is summarised once it is over in the site's time zone (``TIME_ZONE``) plus a grace
period for transactions still in flight; a month once all its days are. Daily counts exist for
every day; objects are counted per whole month, and per day only for the days of a window
outside its whole months (its edges), which keeps the object rows few. Building runs in SQL
(``INSERT … SELECT … GROUP BY``), a month of events per transaction. Which days a report
window needs, and in what order they are built, is ``rollup_blocks``'s.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator

from django.db import IntegrityError, connection, transaction
from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from wagtail_tracking.periods import site_time_zone

from .actions import AUTH_ACTIONS
from .models import (
    ActivityEvent,
    ActivityRollup,
    DailyActivityCount,
    ObjectActivityCount,
    RollupSpan,
)


Counts = ActivityRollup.Counts

# A day is summarised this long after it ends, so that events still being committed count.
GRACE = datetime.timedelta(minutes=10)
# Days built per transaction: bounded locks and memory, few round trips.
BUILD_CHUNK_DAYS = 31
# Rounds of "look for missing days, build them" when other processes build the same days.
MAX_ATTEMPTS = 10
ONE_DAY = datetime.timedelta(days=1)


def actions_queryset() -> QuerySet[ActivityEvent]:
    """The events that are actions on objects: everything but logins, logouts and failed logins."""
    return ActivityEvent.objects.exclude(action__in=AUTH_ACTIONS)


def last_finished_day(now: datetime.datetime | None = None) -> datetime.date:
    moment = (now or timezone.now()) - GRACE
    return moment.astimezone(site_time_zone()).date() - ONE_DAY


def day_bounds(
    first: datetime.date, last: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware start of ``first`` and the start of the day after ``last``, in the site's time."""
    tz = site_time_zone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(last + ONE_DAY, datetime.time.min, tzinfo=tz)
    return start, end


def offset_segments(
    first: datetime.date, last: datetime.date
) -> list[tuple[datetime.datetime, datetime.datetime, datetime.timedelta]]:
    """Split the days into spans of constant UTC offset: (UTC start, UTC end, offset).

    Databases disagree on time-zone conversion (MariaDB needs its time-zone tables), so SQL
    shifts each span's timestamps by its fixed offset instead. One span per daylight-saving
    change (at most three a year); each transition is found to the minute.
    """
    return _offset_segments(first, last, str(site_time_zone()))


@functools.lru_cache(maxsize=64)
def _offset_segments(
    first: datetime.date, last: datetime.date, _zone: str
) -> list[tuple[datetime.datetime, datetime.datetime, datetime.timedelta]]:
    tz = site_time_zone()
    start, end = (moment.astimezone(datetime.UTC) for moment in day_bounds(first, last))

    def offset(moment):
        return moment.astimezone(tz).utcoffset()

    segments = []
    segment_start, current = start, offset(start)
    moment = start
    while moment < end:
        # A day at a time (years of days are read live after an upgrade), then to the minute.
        following = min(moment + ONE_DAY, end)
        if offset(following - datetime.timedelta(minutes=1)) != current:
            change = moment
            while offset(change) == current:
                change += datetime.timedelta(minutes=1)
            segments.append((segment_start, change, current))
            segment_start, current = change, offset(change)
        moment = following
    segments.append((segment_start, end, current))
    return segments


def events_by_local_day(events, first: datetime.date, last: datetime.date) -> Iterator:
    """The events of each constant-offset span, annotated with their local ``day``."""
    for segment_start, segment_end, offset in offset_segments(first, last):
        yield (
            events.filter(timestamp__gte=segment_start, timestamp__lt=segment_end)
            .order_by()
            .annotate(
                day=TruncDate(
                    ExpressionWrapper(
                        F("timestamp") + Value(offset, output_field=DurationField()),
                        output_field=DateTimeField(),
                    ),
                    tzinfo=datetime.UTC,
                )
            )
        )


def daily_counts(events):
    """Rows of ``DailyActivityCount``'s shape from events annotated with their ``day``."""
    return events.values("day", "site_id", "object_type", "action", "user_id").annotate(
        count=Count("pk")
    )


def object_counts(events):
    """Rows of ``ObjectActivityCount``'s shape (as day rows) from annotated events."""
    return (
        events.exclude(object_id="")
        .values("day", "site_id", "object_type", "content_type_id", "object_id", "object_title")
        .annotate(count=Count("pk"), last=Max("timestamp"), span=Value(RollupSpan.DAY))
    )


def forget_rollups(first: datetime.date | None = None, last: datetime.date | None = None) -> None:
    """Delete the rollups of ``first``…``last`` (all when omitted) and of months overlapping it.

    Called when events of those days are added or deleted other than by capture (backfill,
    prune); the next report rebuilds them.
    """
    days = Q()
    months = Q()
    if first is not None:
        days &= Q(start__gte=first)
        months &= Q(start__gte=first.replace(day=1))
    if last is not None:
        days &= Q(start__lte=last)
        months &= Q(start__lte=last)
    spans = Q(span=RollupSpan.DAY) & days | Q(span=RollupSpan.MONTH) & months
    with transaction.atomic():
        ActivityRollup.objects.filter(spans).delete()
        ObjectActivityCount.objects.filter(spans).delete()
        daily = DailyActivityCount.objects.all()
        if first is not None:
            daily = daily.filter(day__gte=first)
        if last is not None:
            daily = daily.filter(day__lte=last)
        daily.delete()


def whole_months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """First days of the months entirely inside ``first``…``last``."""
    months = []
    month = first if first.day == 1 else _next_month(first)
    while _next_month(month) - ONE_DAY <= last:
        months.append(month)
        month = _next_month(month)
    return months


def month_end(month: datetime.date) -> datetime.date:
    return _next_month(month) - ONE_DAY


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def day_runs(days: list[datetime.date]) -> Iterator[list[datetime.date]]:
    """Consecutive days, cut into chunks of at most ``BUILD_CHUNK_DAYS``."""
    run: list[datetime.date] = []
    for day in days:
        if run and (day - run[-1] != ONE_DAY or len(run) == BUILD_CHUNK_DAYS):
            yield run
            run = []
        run.append(day)
    if run:
        yield run


def build_run(counts: str, span: str, starts: list[datetime.date], insert) -> None:
    """Mark the days (or the month) built and insert their rows, in one transaction.

    When another process has marked one of them first, the marker's unique constraint fails
    and nothing is written here: the caller looks again for what is still missing. Any other
    failure propagates, so the rollups never silently lack a day.
    """
    zone = str(site_time_zone())
    with transaction.atomic():
        try:
            with transaction.atomic():
                ActivityRollup.objects.bulk_create(
                    [
                        ActivityRollup(counts=counts, span=span, start=start, time_zone=zone)
                        for start in starts
                    ]
                )
        except IntegrityError:
            return
        insert(starts[0], starts[-1])


def insert_daily_counts(first: datetime.date, last: datetime.date) -> None:
    # Every event, logins included: the activity log counts its pages from these; the dashboard
    # leaves authentication out when it reads them.
    for events in events_by_local_day(ActivityEvent.objects.all(), first, last):
        _insert_select(DailyActivityCount, daily_counts(events), {"count": "actions"})


def insert_day_objects(first: datetime.date, last: datetime.date) -> None:
    for events in events_by_local_day(actions_queryset(), first, last):
        _insert_select(
            ObjectActivityCount,
            object_counts(events),
            {"day": "start", "count": "actions", "last": "last_timestamp"},
        )


def insert_month_objects(month: datetime.date, _last: datetime.date) -> None:
    start, end = day_bounds(month, month_end(month))
    rows = (
        actions_queryset()
        .filter(timestamp__gte=start, timestamp__lt=end)
        .exclude(object_id="")
        .order_by()
        .values("site_id", "object_type", "content_type_id", "object_id", "object_title")
        .annotate(
            count=Count("pk"),
            last=Max("timestamp"),
            month=Value(month, output_field=DateField()),
            month_span=Value(RollupSpan.MONTH),
        )
    )
    _insert_select(
        ObjectActivityCount,
        rows,
        {"count": "actions", "last": "last_timestamp", "month": "start", "month_span": "span"},
    )


def _insert_select(model, queryset, renames: dict[str, str]) -> None:
    """``INSERT INTO model (…) SELECT …``: the grouping runs in the database, no row comes back."""
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    columns = ", ".join(
        connection.ops.quote_name(model._meta.get_field(renames.get(alias, alias)).column)
        for _expression, _sql, alias in compiler.select
    )
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {sql}", params)
