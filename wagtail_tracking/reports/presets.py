"""The periods a report offers by name ("Last 14 days", "This year") and the default one."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_tracking.periods import Period, last_days, site_today


DEFAULT_DAYS = 14
#: The preset naming the default period.
DEFAULT_PRESET = f"{DEFAULT_DAYS}d"

PRESETS = {
    "7d": _("Last 7 days"),
    "14d": _("Last 14 days"),
    "30d": _("Last 30 days"),
    "90d": _("Last 90 days"),
    "year": pgettext_lazy("analytics report", "This year"),
}


def default_period(today: datetime.date | None = None) -> Period:
    return last_days(DEFAULT_DAYS, today)


def preset_period(preset: str, today: datetime.date | None = None) -> Period | None:
    today = today or site_today()
    if preset == "year":
        return Period(today.replace(month=1, day=1), today)
    if preset in PRESETS:
        return last_days(int(preset.rstrip("d")), today)
    return None
