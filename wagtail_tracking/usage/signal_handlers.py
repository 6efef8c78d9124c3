"""Connect the usage counters' receivers when the app is ready: one per kind counted by a signal."""

from __future__ import annotations

from .marks import signal_kinds, signal_receiver


def register_signal_handlers() -> None:
    for kind, mark in signal_kinds():
        # weak=False: the receiver is built here and nothing else holds it.
        mark.signal.connect(
            signal_receiver(kind), weak=False, dispatch_uid=f"wagtail_tracking_usage_{kind.value}"
        )
