"""Server-rendered SVG charts with the data table behind them.

The view builds a ``TimeSeriesChart`` or a ``BarChart``;
``wagtail_tracking/reports/components/chart.html`` and ``bar_chart.html`` draw them. No
JavaScript is needed to read them; the ``wt-chart`` Stimulus controller only lets legend
buttons show and hide series. Colours come from CSS custom properties, so the charts follow
Wagtail's light and dark themes; each series also has its own dash pattern, for readers who
cannot tell the colours apart.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext


Label = TypeVar("Label")

WIDTH = 720
HEIGHT = 240
LEFT = 48
RIGHT = 12
TOP = 12
BOTTOM = 28
#: Horizontal bars: the room for the category labels, and the height of one bar's row.
LABEL_WIDTH = 200
ROW_HEIGHT = 24
#: Series beyond this share the last colour class; the data table tells them apart.
SERIES_COLOURS = 8


def axis_date_format() -> str:
    # A Django date format, translated so that each language puts day and month its own way.
    return pgettext("chart axis: short month and day, a Django date format", "M j")


def short_date(day: datetime.date) -> str:
    """The full date in the request's language ("21/11/2026"), for data tables and tooltips."""
    return date_format(day, "SHORT_DATE_FORMAT")


def axis_date(day: datetime.date) -> str:
    """The compact date in the request's language ("21 nov."), under a chart's axis."""
    return date_format(day, axis_date_format())


@dataclass
class Bar:
    """One rectangle of a bar chart, with its tooltip."""

    series_key: str
    x: float
    y: float
    width: float
    height: float
    value: int
    title: str


@dataclass
class Series:
    """One line or one set of bars: a value per day or category.

    The chart that draws it fills in the rest: ``points`` and ``dots`` for a line, ``bars``
    and ``colour`` (the CSS colour class) for bars.
    """

    key: str
    label: str
    values: list[int]
    points: str = ""
    dots: list[tuple[float, float, int, str]] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    colour: int = 0

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


def _format_tick(value: float) -> str:
    # The active language's separators, as intcomma uses in the table ("1,500" / "1 500").
    return number_format(value, 0 if value == int(value) else 1, force_grouping=True)


def _tick_values(max_value: int) -> list[float]:
    """The five gridlines' values: 0, ¼, ½, ¾ and all of the scale."""
    return [max_value * i / 4 for i in range(5)]


def _gridlines(max_value: int, y: Callable[[float], float]) -> list[tuple[float, str]]:
    return [(y(value), _format_tick(value)) for value in _tick_values(max_value)]


def _label_step(count: int) -> int:
    """Label every n-th category, so that the axis shows at most eight labels."""
    return max(1, math.ceil(count / 8))


class SeriesTable:
    """What every chart shares: the data table below it, and whether there is anything to draw."""

    series: list[Series]

    @staticmethod
    def table_rows(
        labels: Sequence[Label], series: list[Series]
    ) -> Iterator[tuple[Label, list[int]]]:
        """One row per day or category, one column per series."""
        for index, label in enumerate(labels):
            yield label, [one.values[index] for one in series]

    @property
    def is_empty(self) -> bool:
        return not any(series.total for series in self.series)


@dataclass
class TimeSeriesChart(SeriesTable):
    """One line per series over consecutive days."""

    chart_id: str
    title: str
    days: list[datetime.date]
    series: list[Series]
    width: int = WIDTH
    height: int = HEIGHT
    max_value: int = field(init=False)
    x_positions: list[float] = field(init=False)
    baseline: int = field(init=False)
    gridlines: list[tuple[float, str]] = field(init=False)
    x_labels: list[tuple[float, str]] = field(init=False)
    plot_left: int = field(init=False)
    plot_right: int = field(init=False)

    def __post_init__(self) -> None:
        self.max_value = nice_ceiling(
            max((max(s.values, default=0) for s in self.series), default=0)
        )
        plot_width = self.width - LEFT - RIGHT
        count = len(self.days)
        step = plot_width / (count - 1) if count > 1 else 0
        self.x_positions = [
            LEFT + (i * step if count > 1 else plot_width / 2) for i in range(count)
        ]
        self.baseline = self.height - BOTTOM
        for series in self.series:
            self._draw_line(series)
        self.gridlines = _gridlines(self.max_value, self._y)
        self.x_labels = [
            (round(self.x_positions[i], 1), axis_date(self.days[i]))
            for i in range(0, count, _label_step(count))
        ]
        self.plot_left, self.plot_right = LEFT, self.width - RIGHT

    def _y(self, value: float) -> float:
        plot_height = self.height - TOP - BOTTOM
        return round(TOP + plot_height - value * plot_height / self.max_value, 1)

    def _draw_line(self, series: Series) -> None:
        coordinates = [
            (round(x, 1), self._y(v)) for x, v in zip(self.x_positions, series.values, strict=True)
        ]
        series.points = " ".join(f"{x},{y}" for x, y in coordinates)
        series.dots = [
            (x, y, v, short_date(day))
            for (x, y), v, day in zip(coordinates, series.values, self.days, strict=True)
        ]

    @property
    def rows(self) -> Iterator[tuple[datetime.date, list[int]]]:
        """The data table: one row per day, one column per series."""
        return self.table_rows(self.days, self.series)


@dataclass
class BarChart(SeriesTable):
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
    max_value: int = field(init=False)
    baseline: float = field(init=False)
    gridlines: list[tuple[float, str]] = field(init=False)
    x_labels: list[tuple[float, str]] = field(init=False)
    y_labels: list[tuple[float, str]] = field(init=False)
    plot_left: int = field(init=False)
    plot_right: int = field(init=False)
    #: Horizontal bars only: where the category labels end.
    label_x: int = field(init=False, default=LABEL_WIDTH - 6)

    def __post_init__(self) -> None:
        totals = [sum(values) for values in zip(*(s.values for s in self.series), strict=True)]
        self.max_value = nice_ceiling(max(totals, default=0))
        for number, series in enumerate(self.series, start=1):
            series.colour = min(number, SERIES_COLOURS)
        if self.horizontal:
            self.height = max(TOP + BOTTOM + ROW_HEIGHT * len(self.categories), 80)
            self._layout_horizontal()
        else:
            self._layout_vertical()

    @property
    def shown_labels(self) -> list[str]:
        """The labels on the axis: the short ones when given."""
        return self.axis_labels or self.categories

    def _layout_vertical(self) -> None:
        plot_height = self.height - TOP - BOTTOM
        count = max(len(self.categories), 1)
        slot = (self.width - LEFT - RIGHT) / count
        scale = plot_height / self.max_value
        self.baseline = TOP + plot_height
        self._stack_vertical_bars(slot, scale)
        self.gridlines = _gridlines(
            self.max_value, lambda value: round(self.baseline - value * scale, 1)
        )
        self.x_labels = [
            (round(LEFT + i * slot + slot / 2, 1), self.shown_labels[i])
            for i in range(0, len(self.categories), _label_step(count))
        ]
        self.y_labels = []
        self.plot_left, self.plot_right = LEFT, self.width - RIGHT

    def _stack_vertical_bars(self, slot: float, scale: float) -> None:
        """Each series' bars, stacked on the series before it in each category's slot."""
        bar_width = round(max(slot * 0.7, 1), 1)
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

    def _layout_horizontal(self) -> None:
        plot_width = self.width - LABEL_WIDTH - RIGHT
        scale = plot_width / self.max_value
        for series in self.series:
            series.bars = []
        self.y_labels = []
        for i, category in enumerate(self.categories):
            y = TOP + i * ROW_HEIGHT
            self.y_labels.append((y + 15, self.shown_labels[i]))
            self._place_horizontal_bars(i, category, y, scale)
        self.baseline = TOP + ROW_HEIGHT * len(self.categories)
        self.gridlines = []
        self.x_labels = [
            (round(LABEL_WIDTH + plot_width * i / 4, 1), _format_tick(value))
            for i, value in enumerate(_tick_values(self.max_value))
        ]
        self.plot_left, self.plot_right = LABEL_WIDTH, self.width - RIGHT

    def _place_horizontal_bars(self, index: int, category: str, y: int, scale: float) -> None:
        """One category's row: each series' bar after the one before it."""
        left: float = LABEL_WIDTH
        for series in self.series:
            value = series.values[index]
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

    @property
    def rows(self) -> Iterator[tuple[str, list[int]]]:
        return self.table_rows(self.categories, self.series)

    # A year of days is thousands of rectangles and cells: built here, as the template's
    # loops and number localisation would take most of the request's time.

    @staticmethod
    def bars_html(series: Series) -> SafeString:
        return mark_safe(  # noqa: S308 - numbers, and titles escaped here
            "".join(
                f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}">'
                f"<title>{escape(bar.title)}</title></rect>"
                for bar in series.bars
            )
        )

    @property
    def table_body_html(self) -> SafeString:
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
    def series_layers(self) -> list[tuple[Series, SafeString]]:
        """(series, its bars as SVG) for the template."""
        return [(series, self.bars_html(series)) for series in self.series]
