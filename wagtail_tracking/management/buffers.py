"""What the commands flushing a cache buffer share: the ``--include-open`` switch and the report.

The usage counters and the consent beacons are buffered the same way (``usage.buffer``'s
windows); each command only names its flush function and how it reports what it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.functional import Promise
from django.utils.translation import gettext as _


class BufferFlushCommand(BaseCommand):
    #: The function writing the buffer, called with ``include_open``; its result has ``as_dict()``.
    flush: Callable[..., Any]
    #: The report, formatted with that dict.
    report: str | Promise

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--include-open",
            action="store_true",
            help=_("Also flush the windows still being written (only when no site is serving)."),
        )

    def handle(self, *args: Any, include_open: bool = False, **options: Any) -> None:
        result = type(self).flush(include_open=include_open)
        self.stdout.write(str(self.report) % result.as_dict())
