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
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext


def axis_date_format() -> str:
    # A Django date format, translated so that each language puts day and month its own way.
    return pgettext("chart axis: short month and day, a Django date format", "M j")


def short_date(day: datetime.date) -> str:
    """The full date in the request's language ("21/11/2026"), for data tables and tooltips."""
    return date_format(day, "SHORT_DATE_FORMAT")


def axis_date(day: datetime.date) -> str:
    """The compact date in the request's language ("21 nov."), under a chart's axis."""
    return date_format(day, axis_date_format())


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
                (x, y_, v, short_date(day))
                for (x, y_), v, day in zip(coordinates, series.values, self.days, strict=True)
            ]
        self.gridlines = [
            (y(self.max_value * i / 4), _format_tick(self.max_value * i / 4)) for i in range(5)
        ]
        label_every = max(1, math.ceil(count / 8))
        self.x_labels = [
            (round(self.x_positions[i], 1), axis_date(self.days[i]))
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


@dataclass
class Bar:
    series_key: str
    x: float
    y: float
    width: float
    height: float
    value: int
    title: str


@dataclass
class BarChart:
    """Vertical bars per category, one segment per series (stacked), or horizontal bars.

    ``categories`` are labels already formatted for reading (a day, a weekday, an action); the
    data table and the bars' titles show them. ``axis_labels``, when given, are shorter ones for
    the axis (a compact date where the table has the full one).
    Series beyond ``SERIES_COLOURS`` share the last colour class; the data table tells them apart.
    """

    chart_id: str
    title: str
    categories: list[str]
    series: list[Series]
    category_heading: str = ""
    axis_labels: list[str] | None = None
    horizontal: bool = False
    width: int = WIDTH
    height: int = HEIGHT

    def __post_init__(self):
        totals = [sum(values) for values in zip(*(s.values for s in self.series), strict=True)]
        self.max_value = nice_ceiling(max(totals, default=0))
        for number, series in enumerate(self.series, start=1):
            series.colour = min(number, SERIES_COLOURS)
        if self.horizontal:
            self.height = max(TOP + BOTTOM + 24 * len(self.categories), 80)
            self._layout_horizontal()
        else:
            self._layout_vertical()

    def _layout_vertical(self):
        plot_width = self.width - LEFT - RIGHT
        plot_height = self.height - TOP - BOTTOM
        count = max(len(self.categories), 1)
        slot = plot_width / count
        bar_width = round(max(slot * 0.7, 1), 1)
        scale = plot_height / self.max_value
        self.baseline = TOP + plot_height
        tops = [self.baseline] * len(self.categories)
        for series in self.series:
            series.bars = []
            for i, value in enumerate(series.values):
                height = value * scale
                tops[i] -= height
                if value:
                    series.bars.append(
                        Bar(
                            series.key,
                            round(LEFT + i * slot + (slot - bar_width) / 2, 1),
                            round(tops[i], 1),
                            bar_width,
                            round(height, 1),
                            value,
                            f"{series.label}, {self.categories[i]}: {value}",
                        )
                    )
        self.gridlines = [
            (round(self.baseline - self.max_value * i / 4 * scale, 1), self.max_value * i / 4)
            for i in range(5)
        ]
        self.gridlines = [(y, _format_tick(value)) for y, value in self.gridlines]
        label_every = max(1, math.ceil(count / 8))
        self.x_labels = [
            (round(LEFT + i * slot + slot / 2, 1), (self.axis_labels or self.categories)[i])
            for i in range(0, len(self.categories), label_every)
        ]
        self.y_labels = []
        self.plot_left, self.plot_right = LEFT, self.width - RIGHT

    def _layout_horizontal(self):
        label_width = 200
        plot_width = self.width - label_width - RIGHT
        scale = plot_width / self.max_value
        for series in self.series:
            series.bars = []
        self.y_labels = []
        for i, category in enumerate(self.categories):
            y = TOP + i * 24
            self.y_labels.append((y + 15, (self.axis_labels or self.categories)[i]))
            left = label_width
            for series in self.series:
                value = series.values[i]
                if value:
                    series.bars.append(
                        Bar(
                            series.key,
                            round(left, 1),
                            y + 4,
                            round(value * scale, 1),
                            16,
                            value,
                            f"{series.label}, {category}: {value}",
                        )
                    )
                    left += value * scale
        self.baseline = TOP + 24 * len(self.categories)
        self.gridlines = []
        self.x_labels = [
            (round(label_width + plot_width * i / 4, 1), _format_tick(self.max_value * i / 4))
            for i in range(5)
        ]
        self.plot_left, self.plot_right = label_width, self.width - RIGHT
        self.label_x = label_width - 6

    @property
    def rows(self):
        for index, category in enumerate(self.categories):
            yield category, [series.values[index] for series in self.series]

    @property
    def is_empty(self) -> bool:
        return not any(series.total for series in self.series)

    # A year of days is thousands of rectangles and cells: built here, as the template's
    # loops and number localisation would take most of the request's time.

    @staticmethod
    def bars_html(series: Series):
        return mark_safe(  # noqa: S308 - numbers, and titles escaped here
            "".join(
                f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}">'
                f"<title>{escape(bar.title)}</title></rect>"
                for bar in series.bars
            )
        )

    @property
    def table_body_html(self):
        # The active language's thousands separator, found once rather than for every cell.
        separator = number_format(1000, force_grouping=True)[1:-3]
        return mark_safe(  # noqa: S308 - numbers, and labels escaped here
            "".join(
                f'<tr><th scope="row">{escape(category)}</th>'
                + "".join(f"<td>{value:,}</td>".replace(",", separator) for value in values)
                + "</tr>"
                for category, values in self.rows
            )
        )

    @property
    def series_layers(self):
        """(series, its bars as SVG) for the template."""
        return [(series, self.bars_html(series)) for series in self.series]


SERIES_COLOURS = 8
