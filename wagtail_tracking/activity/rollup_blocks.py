"""Which rollups a report window needs, and building them newest first, within a budget.

A window ``(first, last)`` is cut into blocks: each day before its first whole month, each whole
month, and each day after its last whole month. A block is complete when its daily counts and its
object counts (one month row, or day rows at the edges) are built. A report reads the rollups for
the complete blocks at the end of its window and the days before them from the events, so
building newest first (as a request, the task and the command all do) keeps what is built a
tail of the window: after an upgrade, the recent weeks are ready first.

A request builds only what fits its budget (``REQUEST_BUDGET``); the rest is left to the
background task (``tasks.build_activity_rollups_task``) or the command
``wagtail_tracking_rollup_activity``. Two processes building the same days: the unique
``(counts, span, start)`` marker makes the second one's transaction fail; it then re-reads what
is missing and builds only that.
"""

from __future__ import annotations

import datetime
import logging
import time
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.periods import Period, site_time_zone

from .models import ActivityEvent, ActivityRollup, DailyActivityCount, RollupSpan
from .rollups import (
    MAX_ATTEMPTS,
    ONE_DAY,
    Counts,
    actions_queryset,
    build_run,
    day_bounds,
    day_runs,
    forget_rollups,
    insert_daily_counts,
    insert_day_objects,
    insert_month_objects,
    last_finished_day,
    month_end,
    whole_months,
)


logger = logging.getLogger(__name__)

Window = tuple[datetime.date, datetime.date]
#: ``(counts, span, start)``: one rollup marker.
Marker = tuple[str, str, datetime.date]

INSERTS = {
    (Counts.DAILY, RollupSpan.DAY): insert_daily_counts,
    (Counts.OBJECTS, RollupSpan.MONTH): insert_month_objects,
    (Counts.OBJECTS, RollupSpan.DAY): insert_day_objects,
}


@dataclass(frozen=True)
class Budget:
    """What one request may spend building rollups before it reads the events instead."""

    #: No block is started after this many seconds.
    seconds: float
    #: Blocks of more events than this are left to the task or the command.
    max_events: int


# A block of this many events builds in about 0.1-0.2 s on PostgreSQL.
REQUEST_BLOCK_EVENTS = 30_000
# The build rate assumed before a request has measured its own (PostgreSQL, unloaded: ~3 µs).
SECONDS_PER_EVENT = 10e-6


def request_budget() -> Budget:
    """``ACTIVITY_ROLLUP_REQUEST_SECONDS`` of building, blocks of at most 30,000 events."""
    return Budget(
        seconds=float(tracking_settings.ACTIVITY_ROLLUP_REQUEST_SECONDS),
        max_events=REQUEST_BLOCK_EVENTS,
    )


@dataclass(frozen=True)
class Block:
    """Days of a window whose rollups are built and read together."""

    first: datetime.date
    last: datetime.date
    #: ``(counts, span, starts)``: the markers this block needs.
    items: tuple[tuple[str, str, tuple[datetime.date, ...]], ...]

    def markers(self) -> set[Marker]:
        return {(counts, span, start) for counts, span, starts in self.items for start in starts}


@dataclass
class Readiness:
    """The last finished day, and for each window the day its built rollups start."""

    finished: datetime.date
    complete_from: dict[Window, datetime.date] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return all(start <= window[0] for window, start in self.complete_from.items())


def earliest_event_day() -> datetime.date | None:
    earliest = (
        ActivityEvent.objects.order_by("timestamp").values_list("timestamp", flat=True).first()
    )
    return None if earliest is None else earliest.astimezone(site_time_zone()).date()


def window_blocks(
    first: datetime.date, last: datetime.date, earliest: datetime.date
) -> list[Block]:
    """The window's blocks, oldest first. Days before the first event need nothing."""

    def days(start: datetime.date, end: datetime.date) -> tuple[datetime.date, ...]:
        start = max(start, earliest)
        return tuple(Period(start, end).each_day()) if start <= end else ()

    def edge(start: datetime.date, end: datetime.date) -> list[Block]:
        # A block per day: a request builds the newest days one by one, each within its budget.
        blocks = []
        for day in Period(start, end).each_day():
            day_only = days(day, day)
            items = (
                (Counts.DAILY, RollupSpan.DAY, day_only),
                (Counts.OBJECTS, RollupSpan.DAY, day_only),
            )
            blocks.append(Block(day, day, items if day_only else ()))
        return blocks

    months = whole_months(first, last) if first <= last else []
    if not months:
        return edge(first, last) if first <= last else []
    blocks = edge(first, months[0] - ONE_DAY) if first < months[0] else []
    for month in months:
        month_days = days(month, month_end(month))
        items = (
            (
                (Counts.DAILY, RollupSpan.DAY, month_days),
                (Counts.OBJECTS, RollupSpan.MONTH, (month,)),
            )
            if month_days
            else ()
        )
        blocks.append(Block(month, month_end(month), items))
    after = month_end(months[-1]) + ONE_DAY
    if after <= last:
        blocks += edge(after, last)
    return blocks


def built_markers(first: datetime.date, last: datetime.date) -> set[Marker]:
    """The markers from the month of ``first`` to ``last``; none if ``TIME_ZONE`` changed."""
    rows = ActivityRollup.objects.filter(start__range=(first.replace(day=1), last)).values_list(
        "counts", "span", "start", "time_zone"
    )
    zone = str(site_time_zone())
    markers = set()
    for counts, span, start, time_zone in rows:
        if time_zone != zone:
            forget_rollups()  # every local day moved
            return set()
        markers.add((counts, span, start))
    return markers


def prepare_rollups(
    *windows: Window, budget: Budget | None = None, only: str | None = None
) -> Readiness:
    """Build the windows' missing rollups, newest block first; all of them without a budget.

    ``only`` (a ``Counts``): the one count table the caller reads, the others left alone.
    """
    finished = last_finished_day()
    earliest = earliest_event_day()
    readiness = Readiness(finished)
    if earliest is None:
        readiness.complete_from = {window: window[0] for window in windows}
        return readiness
    blocks = {
        window: _only(window_blocks(window[0], min(window[1], finished), earliest), only)
        for window in windows
    }
    first = min(window[0] for window in windows)
    built = built_markers(first, finished)
    meter = None if budget is None else BuildMeter(budget)
    for _attempt in range(1 if budget else MAX_ATTEMPTS):
        todo = sorted(
            {block for window in blocks.values() for block in window if block.markers() - built},
            key=lambda block: block.first,
            reverse=True,
        )
        if not todo:
            break
        for block in todo:
            if meter is None:
                _build_block(block, built)
            elif meter.fits(block):
                meter.build(block, built)
        built = built_markers(first, finished)
    for window, window_blocks_ in blocks.items():
        start = min(window[1], finished) + ONE_DAY
        for block in reversed(window_blocks_):
            if block.markers() - built:
                break
            start = block.first
        readiness.complete_from[window] = start
    if budget is None and not readiness.complete:
        logger.warning("Activity rollups of %s are still incomplete.", windows)
    return readiness


def _only(blocks: list[Block], counts: str | None) -> list[Block]:
    if counts is None:
        return blocks
    return [
        Block(block.first, block.last, tuple(item for item in block.items if item[0] == counts))
        for block in blocks
    ]


class BuildMeter:
    """Starts a block only if its events, at the rate measured so far, fit in what is left."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.deadline = time.monotonic() + budget.seconds
        self.seconds_per_event = SECONDS_PER_EVENT
        self.events = 0

    def fits(self, block: Block) -> bool:
        left = self.deadline - time.monotonic()
        if left <= 0:
            return False
        start, end = day_bounds(block.first, block.last)
        events = actions_queryset().filter(timestamp__gte=start, timestamp__lt=end)
        self.events = events[: self.budget.max_events + 1].count()
        return self.events <= self.budget.max_events and self.events * self.seconds_per_event < left

    def build(self, block: Block, built: set[Marker]) -> None:
        started = time.monotonic()
        _build_block(block, built)
        if self.events:
            self.seconds_per_event = (time.monotonic() - started) / self.events


def _build_block(block: Block, built: set[Marker]) -> None:
    for counts, span, starts in block.items:
        missing = [start for start in starts if (counts, span, start) not in built]
        runs = [[month] for month in missing] if span == RollupSpan.MONTH else day_runs(missing)
        for run in runs:
            build_run(counts, span, run, INSERTS[counts, span])
        built.update((counts, span, start) for start in missing)


def count_events(
    first: datetime.date, last: datetime.date, site_id: int | None = None, *conditions: Q
) -> int:
    """The events of the local days ``first``…``last`` (logins included), without counting rows:
    the daily rollups for the built finished days, the events for the others.

    ``conditions`` narrow both on the fields they share: ``object_type``, ``action``, ``user_id``.
    """
    window = (first, last)
    readiness = prepare_rollups(window, budget=request_budget(), only=Counts.DAILY)
    rolled = (max(first, readiness.complete_from[window]), min(last, readiness.finished))
    daily, events = DailyActivityCount.objects.all(), ActivityEvent.objects.all()
    if site_id is not None:
        daily, events = daily.filter(site_id=site_id), events.filter(site_id=site_id)
    for condition in conditions:
        daily, events = daily.filter(condition), events.filter(condition)
    total, live = 0, [window]
    if rolled[0] <= rolled[1]:
        total = daily.filter(day__range=rolled).aggregate(total=Sum("actions"))["total"] or 0
        live = [(first, rolled[0] - ONE_DAY), (rolled[1] + ONE_DAY, last)]
    for live_first, live_last in live:
        if live_first <= live_last:
            start, end = day_bounds(live_first, live_last)
            total += events.filter(timestamp__gte=start, timestamp__lt=end).count()
    return total
