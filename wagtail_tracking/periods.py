"""Days and periods in the site's time zone: the time primitives every feature shares.

Capture (activity, usage) and reports both speak of "a day" and "a period"; they live here, below
all of them, so that counting never depends on how the counts are shown.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    """A start and an end day, both included."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def each_day(self) -> Iterator[datetime.date]:
        for offset in range(self.days):
            yield self.start + datetime.timedelta(days=offset)


def site_time_zone() -> datetime.tzinfo:
    """Report days are the site's (``TIME_ZONE``), whatever time zone an admin user picked."""
    return timezone.get_default_timezone()


def site_today() -> datetime.date:
    return timezone.localdate(timezone=site_time_zone())


def last_days(days: int, today: datetime.date | None = None) -> Period:
    """The ``days`` days ending ``today`` (the site's today by default)."""
    today = today or site_today()
    return Period(today - datetime.timedelta(days=days - 1), today)


#: Longer periods are charted by week, then by month: a chart keeps about a hundred points and
#: its data table about a hundred rows, whatever the period (at most five years).
WEEKLY_AFTER_DAYS = 92
MONTHLY_AFTER_DAYS = 731


def grain(period: Period) -> str:
    """ "day", "week" or "month": the step a chart of ``period`` uses."""
    if period.days > MONTHLY_AFTER_DAYS:
        return "month"
    return "week" if period.days > WEEKLY_AFTER_DAYS else "day"


def _bucket_start(day: datetime.date, step: str, period: Period) -> datetime.date:
    if step == "week":
        day = day - datetime.timedelta(days=day.weekday())
    elif step == "month":
        day = day.replace(day=1)
    return max(day, period.start)


def buckets(period: Period) -> list[datetime.date]:
    """The first day of each step of ``period`` (its start for the first, partial, one)."""
    step = grain(period)
    return sorted({_bucket_start(day, step, period) for day in period.each_day()})


def regroup(daily: list[int], period: Period) -> list[int]:
    """Per-day values of ``period`` summed per step of ``buckets(period)``."""
    step = grain(period)
    index = {start: i for i, start in enumerate(buckets(period))}
    totals = [0] * len(index)
    for day, value in zip(period.each_day(), daily, strict=True):
        totals[index[_bucket_start(day, step, period)]] += value
    return totals
