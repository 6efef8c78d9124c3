"""Report periods: a start and an end day, both included, and the period just before."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


DEFAULT_DAYS = 14

PRESETS = {
    "7d": _("Last 7 days"),
    "14d": _("Last 14 days"),
    "30d": _("Last 30 days"),
    "90d": _("Last 90 days"),
    "year": _("This year"),
}


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def each_day(self):
        for offset in range(self.days):
            yield self.start + datetime.timedelta(days=offset)


def site_time_zone():
    """Report days are the site's (``TIME_ZONE``), whatever time zone an admin user picked."""
    return timezone.get_default_timezone()


def site_today() -> datetime.date:
    return timezone.localdate(timezone=site_time_zone())


def last_days(days: int, today: datetime.date | None = None) -> Period:
    today = today or site_today()
    return Period(today - datetime.timedelta(days=days - 1), today)


def default_period(today: datetime.date | None = None) -> Period:
    return last_days(DEFAULT_DAYS, today)


def preset_period(preset: str, today: datetime.date | None = None) -> Period | None:
    today = today or site_today()
    if preset == "year":
        return Period(today.replace(month=1, day=1), today)
    if preset in PRESETS:
        return last_days(int(preset.rstrip("d")), today)
    return None
