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


def nice_ceiling(value: float) -> int:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above ``value`` (at least 4, for 4 gridlines)."""
    if value <= 4:
        return 4
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(math.ceil(step * magnitude))
    return int(10 * magnitude)  # pragma: no cover


def format_tick(value: float) -> str:
    """A scale value with the active language's separators, as in the table ("1 500", "2,5")."""
    return number_format(value, 0 if value == int(value) else 1, force_grouping=True)


def tick_values(max_value: int) -> list[float]:
    """The five gridlines' values: 0, ¼, ½, ¾ and all of the scale."""
    return [max_value * i / 4 for i in range(5)]


def place_gridlines(max_value: int, y: Callable[[float], float]) -> list[tuple[float, str]]:
    """Each gridline's position (``y`` of its value) and label."""
    return [(y(value), format_tick(value)) for value in tick_values(max_value)]


def label_step(count: int) -> int:
    """Label every n-th category, so that the axis shows at most eight labels."""
    return max(1, math.ceil(count / 8))
