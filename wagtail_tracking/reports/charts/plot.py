"""The plot's size and margins, its scale and gridlines, and the dates along its axis."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable

from django.utils.formats import date_format, number_format
from django.utils.translation import pgettext


WIDTH = 720
HEIGHT = 240
LEFT = 48
RIGHT = 12
TOP = 12
BOTTOM = 28


def axis_date_format() -> str:
    # A Django date format, translated so that each language puts day and month its own way.
    return pgettext("chart axis: short month and day, a Django date format", "M j")


def short_date(day: datetime.date) -> str:
    """The full date in the request's language ("21/11/2026"), for data tables and tooltips."""
    return date_format(day, "SHORT_DATE_FORMAT")


def axis_date(day: datetime.date) -> str:
    """The compact date in the request's language ("21 nov."), under a chart's axis."""
    return date_format(day, axis_date_format())


#: Counts have whole-number scale steps; the most gridlines a chart draws above its baseline.
MAX_INTERVALS = 5


def nice_step(value: float) -> int:
    """The gridlines' step for a scale up to ``value``: the smallest whole 1, 2, 2.5 or 5 × 10ⁿ
    that reaches it in at most five steps (charts.js chooses the same when a series is hidden)."""
    if value <= 4:
        return 1
    magnitude = 1
    while True:
        for factor in (1, 2, 2.5, 5):
            step = factor * magnitude
            if step == int(step) and math.ceil(value / step) <= MAX_INTERVALS:
                return int(step)
        magnitude *= 10


def nice_ceiling(value: float) -> int:
    """The top of the scale: ``value`` rounded up to a whole number of steps (at least 4)."""
    if value <= 4:
        return 4
    step = nice_step(value)
    return int(math.ceil(value / step) * step)


def format_tick(value: float) -> str:
    """A scale value with the active language's separators, as in the table ("1 500", "2,5")."""
    return number_format(value, 0 if value == int(value) else 1, force_grouping=True)


def tick_values(max_value: int) -> list[int]:
    """The gridlines' values, from 0 to the top of the scale in whole steps."""
    step = nice_step(max_value)
    return list(range(0, max_value + step, step))


def place_gridlines(max_value: int, y: Callable[[float], float]) -> list[tuple[float, str]]:
    """Each gridline's position (``y`` of its value) and label."""
    return [(y(value), format_tick(value)) for value in tick_values(max_value)]


def label_step(count: int) -> int:
    """Label every n-th category, so that the axis shows at most eight labels."""
    return max(1, math.ceil(count / 8))
