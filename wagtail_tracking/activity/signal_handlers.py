"""Connect the activity log's receivers (see ``receivers``) when the app is ready."""

from __future__ import annotations

from . import receivers


def register_signal_handlers() -> None:
    receivers.connect()
