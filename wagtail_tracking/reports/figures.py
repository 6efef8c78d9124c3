"""Key figures and their change against the previous period."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal


#: The change of a figure that was 0 in the previous period: no percentage, it is new.
NEW: Final = "new"
Change = int | Literal["new"] | None


def percent_change(current: int | float, previous: int | float) -> Change:
    """Δ% rounded to a whole number; ``NEW`` when the previous value was 0, None when both are.

    (n → 0 is −100 %.)
    """
    if not previous:
        return NEW if current else None
    return round((current - previous) * 100 / previous)


@dataclass(frozen=True)
class KeyFigure:
    label: str
    current: int
    previous: int
    show_more_url: str = ""

    @property
    def change(self) -> Change:
        return percent_change(self.current, self.previous)

    @property
    def trend(self) -> str:
        change = self.change
        if change == NEW:
            return "up"
        if change is None or change == 0:
            return "flat"
        return "up" if change > 0 else "down"
