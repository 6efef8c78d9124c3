"""Argument types for the management commands: out-of-range or malformed values are refused
with a message naming the bounds, never reach the database, and never end in a traceback
(``call_command`` raises ``CommandError``; the command line prints usage and the message)."""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable

from django.utils.translation import gettext as _


#: A hundred years, in days and months: more than any retention needs, far from overflowing.
MAX_DAYS = 36_600
MAX_MONTHS = 1_200
MAX_BATCH_SIZE = 100_000
EARLIEST_DAY = datetime.date(1970, 1, 1)
LATEST_DAY = datetime.date(2999, 12, 31)


def bounded_int(lowest: int, highest: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``lowest`` to ``highest``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("%(value)r is not a whole number.") % {"value": text}
            ) from None
        if not lowest <= value <= highest:
            raise argparse.ArgumentTypeError(
                _("%(value)s is out of range: give a number from %(lowest)s to %(highest)s.")
                % {"value": value, "lowest": lowest, "highest": highest}
            )
        return value

    parse.__name__ = "number"  # argparse names the type in its messages
    return parse


def day(text: str) -> datetime.date:
    """An argparse ``type``: a real calendar date (YYYY-MM-DD) from 1970 to 2999."""
    try:
        value = datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("%(value)r is not a date like 2026-01-31 (or not a day of the calendar).")
            % {"value": text}
        ) from None
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise argparse.ArgumentTypeError(
            _("%(value)s is out of range: give a date from %(first)s to %(last)s.")
            % {"value": value, "first": EARLIEST_DAY, "last": LATEST_DAY}
        )
    return value


batch_size = bounded_int(1, MAX_BATCH_SIZE)
