"""Bars per category: stacked vertical bars (actions per day by type) or horizontal ones."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import plot
from .series import Bar, Series, SeriesTable


#: Horizontal bars: the room for the category labels, and the height of one bar's row.
LABEL_WIDTH = 200
ROW_HEIGHT = 24
#: Series beyond this share the last colour class; the data table tells them apart.
SERIES_COLOURS = 8


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
    width: int = plot.WIDTH
    height: int = plot.HEIGHT
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
        self.max_value = plot.nice_ceiling(max(totals, default=0))
        for number, series in enumerate(self.series, start=1):
            series.colour = min(number, SERIES_COLOURS)
        if self.horizontal:
            self.height = max(plot.TOP + plot.BOTTOM + ROW_HEIGHT * len(self.categories), 80)
            self._layout_horizontal()
        else:
            self._layout_vertical()

    @property
    def layout(self) -> str:
        """For charts.js: how the bars are laid out ("bars" stacked up, "hbars" along)."""
        return "hbars" if self.horizontal else "bars"

    @property
    def scale_from(self) -> float:
        """Where 0 sits on the value axis (charts.js rescales from here)."""
        return LABEL_WIDTH if self.horizontal else self.baseline

    @property
    def scale_to(self) -> float:
        """Where the top of the scale sits on the value axis."""
        return self.width - plot.RIGHT if self.horizontal else plot.TOP

    @property
    def shown_labels(self) -> list[str]:
        """The labels on the axis: the short ones when given."""
        return self.axis_labels or self.categories

    def _layout_vertical(self) -> None:
        plot_height = self.height - plot.TOP - plot.BOTTOM
        count = max(len(self.categories), 1)
        slot = (self.width - plot.LEFT - plot.RIGHT) / count
        scale = plot_height / self.max_value
        self.baseline = plot.TOP + plot_height
        self._stack_vertical_bars(slot, scale)
        self.gridlines = plot.place_gridlines(
            self.max_value, lambda value: round(self.baseline - value * scale, 1)
        )
        self.x_labels = [
            (round(plot.LEFT + i * slot + slot / 2, 1), self.shown_labels[i])
            for i in range(0, len(self.categories), plot.label_step(count))
        ]
        self.y_labels = []
        self.plot_left, self.plot_right = plot.LEFT, self.width - plot.RIGHT

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
                            round(plot.LEFT + i * slot + (slot - bar_width) / 2, 1),
                            round(tops[i], 1),
                            bar_width,
                            round(height, 1),
                            value,
                            f"{series.label}, {self.categories[i]}: {value}",
                            i,
                        )
                    )

    def _layout_horizontal(self) -> None:
        plot_width = self.width - LABEL_WIDTH - plot.RIGHT
        scale = plot_width / self.max_value
        for series in self.series:
            series.bars = []
        self.y_labels = []
        for i, category in enumerate(self.categories):
            y = plot.TOP + i * ROW_HEIGHT
            self.y_labels.append((y + 15, self.shown_labels[i]))
            self._place_horizontal_bars(i, category, y, scale)
        self.baseline = plot.TOP + ROW_HEIGHT * len(self.categories)
        self.gridlines = []
        self.x_labels = [
            (round(LABEL_WIDTH + plot_width * value / self.max_value, 1), plot.format_tick(value))
            for value in plot.tick_values(self.max_value)
        ]
        self.plot_left, self.plot_right = LABEL_WIDTH, self.width - plot.RIGHT

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
                        index,
                    )
                )
                left += value * scale

    @property
    def rows(self) -> Iterator[tuple[str, list[int]]]:
        return self.table_rows(self.categories)

    # A year of days is thousands of rectangles and cells: built here, as the template's
    # loops and number localisation would take most of the request's time.

    @staticmethod
    def bars_html(series: Series) -> SafeString:
        return mark_safe(  # noqa: S308 - numbers, and titles escaped here
            "".join(
                f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}" '
                f'data-index="{bar.index}" data-value="{bar.value}" data-wt-chart-point '
                f'role="img" aria-label="{escape(bar.title)}"></rect>'
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
