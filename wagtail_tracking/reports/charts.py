"""Server-rendered SVG charts with the data table behind them.

The view builds a ``TimeSeriesChart``; ``wagtail_tracking/reports/components/chart.html`` draws
it. No JavaScript is needed to read it; the ``wt-chart`` Stimulus controller only lets legend
buttons show and hide series. Colours come from CSS custom properties, so the chart follows
Wagtail's light and dark themes; each series also has its own dash pattern, for readers who
cannot tell the colours apart.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import pgettext


def axis_date_format() -> str:
    # A Django date format, translated so that each language puts day and month its own way.
    return pgettext("chart axis: short month and day, a Django date format", "M j")


WIDTH = 720
HEIGHT = 240
LEFT = 48
RIGHT = 12
TOP = 12
BOTTOM = 28


@dataclass
class Series:
    key: str
    label: str
    values: list[int]
    points: str = ""
    dots: list[tuple[float, float, int, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.values)


def nice_ceiling(value: float) -> int:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above ``value`` (at least 4, for 4 gridlines)."""
    if value <= 4:
        return 4
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(math.ceil(step * magnitude))
    return int(10 * magnitude)  # pragma: no cover


@dataclass
class TimeSeriesChart:
    """One line per series over consecutive days."""

    chart_id: str
    title: str
    days: list[datetime.date]
    series: list[Series]
    width: int = WIDTH
    height: int = HEIGHT

    def __post_init__(self):
        self.max_value = nice_ceiling(
            max((max(s.values, default=0) for s in self.series), default=0)
        )
        plot_width = self.width - LEFT - RIGHT
        plot_height = self.height - TOP - BOTTOM
        count = len(self.days)
        step = plot_width / (count - 1) if count > 1 else 0
        self.x_positions = [
            LEFT + (i * step if count > 1 else plot_width / 2) for i in range(count)
        ]
        self.baseline = TOP + plot_height

        def y(value):
            return round(TOP + plot_height - value * plot_height / self.max_value, 1)

        for series in self.series:
            coordinates = [
                (round(x, 1), y(v)) for x, v in zip(self.x_positions, series.values, strict=True)
            ]
            series.points = " ".join(f"{x},{y_}" for x, y_ in coordinates)
            series.dots = [
                (x, y_, v, date_format(day, "SHORT_DATE_FORMAT"))
                for (x, y_), v, day in zip(coordinates, series.values, self.days, strict=True)
            ]
        self.gridlines = [
            (y(self.max_value * i / 4), _format_tick(self.max_value * i / 4)) for i in range(5)
        ]
        label_every = max(1, math.ceil(count / 8))
        self.x_labels = [
            (round(self.x_positions[i], 1), date_format(self.days[i], axis_date_format()))
            for i in range(0, count, label_every)
        ]
        self.plot_right = self.width - RIGHT
        self.plot_left = LEFT

    @property
    def rows(self):
        """The data table: one row per day, one column per series."""
        for index, day in enumerate(self.days):
            yield day, [series.values[index] for series in self.series]

    @property
    def is_empty(self) -> bool:
        return not any(series.total for series in self.series)


def _format_tick(value: float) -> str:
    # The active language's separators, as intcomma uses in the table ("1,500" / "1 500").
    return number_format(value, 0 if value == int(value) else 1, force_grouping=True)
