"""Lines over consecutive days: usage per day, the usage panels' 30 days."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import plot
from .series import Series, SeriesTable


@dataclass
class TimeSeriesChart(SeriesTable):
    """One line per series over consecutive days."""

    chart_id: str
    title: str
    days: list[datetime.date]
    series: list[Series]
    width: int = plot.WIDTH
    height: int = plot.HEIGHT
    max_value: int = field(init=False)
    x_positions: list[float] = field(init=False)
    baseline: int = field(init=False)
    gridlines: list[tuple[float, str]] = field(init=False)
    x_labels: list[tuple[float, str]] = field(init=False)
    plot_left: int = field(init=False)
    plot_right: int = field(init=False)

    def __post_init__(self) -> None:
        self.max_value = plot.nice_ceiling(
            max((max(s.values, default=0) for s in self.series), default=0)
        )
        plot_width = self.width - plot.LEFT - plot.RIGHT
        count = len(self.days)
        step = plot_width / (count - 1) if count > 1 else 0
        self.x_positions = [
            plot.LEFT + (i * step if count > 1 else plot_width / 2) for i in range(count)
        ]
        self.baseline = self.height - plot.BOTTOM
        for series in self.series:
            self._draw_line(series)
        self.gridlines = plot.place_gridlines(self.max_value, self._y)
        self.x_labels = [
            (round(self.x_positions[i], 1), plot.axis_date(self.days[i]))
            for i in range(0, count, plot.label_step(count))
        ]
        self.plot_left, self.plot_right = plot.LEFT, self.width - plot.RIGHT

    #: For charts.js: lines over days, values up the screen from the baseline.
    layout = "lines"

    @property
    def scale_from(self) -> float:
        return self.baseline

    @property
    def scale_to(self) -> float:
        return plot.TOP

    def _y(self, value: float) -> float:
        plot_height = self.height - plot.TOP - plot.BOTTOM
        return round(plot.TOP + plot_height - value * plot_height / self.max_value, 1)

    def _draw_line(self, series: Series) -> None:
        coordinates = [
            (round(x, 1), self._y(v)) for x, v in zip(self.x_positions, series.values, strict=True)
        ]
        series.points = " ".join(f"{x},{y}" for x, y in coordinates)
        series.dots = [
            (x, y, v, plot.short_date(day))
            for (x, y), v, day in zip(coordinates, series.values, self.days, strict=True)
        ]

    @property
    def rows(self) -> Iterator[tuple[datetime.date, list[int]]]:
        """The data table: one row per day, one column per series."""
        return self.table_rows(self.days)
