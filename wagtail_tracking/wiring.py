"""Signal wiring shared by the features: a connection is data, so it can be made and unmade.

Each feature's ``signal_handlers.register_signal_handlers()`` lists its connections and hands
them to :func:`connect`; a feature switched off at start-up connects none, and tests of that
switch undo the wiring with :func:`disconnect`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.dispatch import Signal


@dataclass(frozen=True)
class Connection:
    """One receiver on one signal (from one sender, or from all when ``sender`` is None).

    Receivers are held strongly: some are built by the feature and held by nothing else.
    """

    signal: Signal
    receiver: Callable[..., Any]
    dispatch_uid: str
    sender: type[Model] | None = None


def connect(connections: Iterable[Connection]) -> None:
    for c in connections:
        c.signal.connect(c.receiver, sender=c.sender, weak=False, dispatch_uid=c.dispatch_uid)


def disconnect(connections: Iterable[Connection]) -> None:
    for c in connections:
        c.signal.disconnect(sender=c.sender, dispatch_uid=c.dispatch_uid)
