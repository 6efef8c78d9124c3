"""Key figures and their change against the previous period."""

from __future__ import annotations

from dataclasses import dataclass


def percent_change(current: int | float, previous: int | float) -> int | None:
    """Δ% rounded to a whole number: 100 when the previous value was 0, None when both are 0."""
    if not previous:
        return 100 if current else None
    return round((current - previous) * 100 / previous)


@dataclass(frozen=True)
class KeyFigure:
    label: str
    current: int
    previous: int
    show_more_url: str = ""

    @property
    def change(self) -> int | None:
        return percent_change(self.current, self.previous)

    @property
    def trend(self) -> str:
        change = self.change
        if change is None or change == 0:
            return "flat"
        return "up" if change > 0 else "down"
