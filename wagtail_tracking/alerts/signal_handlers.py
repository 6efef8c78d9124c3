"""Connect the alert rules to the activity stream when the app is ready.

With ``ENABLED`` or ``ALERTS_ENABLED`` False at start-up nothing is connected, and writing an
event costs the activity log one check for listeners.
"""

from __future__ import annotations

from collections.abc import Iterator

from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.activity.stream import events_recorded
from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.wiring import Connection, connect, disconnect

from .watch import watch_events


def register_signal_handlers() -> None:
    if tracking_settings.ENABLED and tracking_settings.ALERTS_ENABLED:
        connect(connections())


def disconnect_signal_handlers() -> None:
    disconnect(connections())


def connections() -> Iterator[Connection]:
    yield Connection(events_recorded, watch_events, "wagtail_tracking_alerts", ActivityEvent)
