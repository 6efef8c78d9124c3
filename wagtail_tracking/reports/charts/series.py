"""A series of values, and what a chart draws of it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar


Label = TypeVar("Label")


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
    #: The bar's day or category, counted from 0 (charts.js stacks and orders by it).
    index: int = 0


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


class SeriesTable:
    """What every chart shares: the data table below it, and whether there is anything to draw."""

    series: list[Series]

    def table_rows(self, labels: Sequence[Label]) -> Iterator[tuple[Label, list[int]]]:
        """One row per day or category, one column per series."""
        for index, label in enumerate(labels):
            yield label, [series.values[index] for series in self.series]

    @property
    def is_empty(self) -> bool:
        return not any(series.total for series in self.series)
