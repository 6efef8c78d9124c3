"""Connect the usage counters' receivers when the app is ready: one per kind counted by a signal,
and those that keep the counting's caches of sites and time zones fresh.

With ``ENABLED`` or ``USAGE_ENABLED`` False at start-up nothing is connected; the middleware still
checks the switches on each request, so turning counting off later counts nothing either.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.wiring import Connection, connect, disconnect

from .hits import forget_sites, forget_time_zones
from .marks import signal_kinds, signal_receiver


def register_signal_handlers() -> None:
    """Connect every receiver, unless counting is switched off for the process's lifetime."""
    if tracking_settings.ENABLED and tracking_settings.USAGE_ENABLED:
        connect(connections())


def disconnect_signal_handlers() -> None:
    """Undo ``register_signal_handlers()`` (tests of the start-up switches)."""
    disconnect(connections())


def connections() -> Iterator[Connection]:
    for kind, mark in signal_kinds():
        yield Connection(mark.signal, signal_receiver(kind), f"wagtail_tracking_usage_{kind.value}")
    yield Connection(post_save, forget_sites, "wagtail_tracking_usage_sites", Site)
    yield Connection(post_delete, forget_sites, "wagtail_tracking_usage_sites_del", Site)
    yield Connection(setting_changed, forget_time_zones, "wagtail_tracking_usage_tz")
