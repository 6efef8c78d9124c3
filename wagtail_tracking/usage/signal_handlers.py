"""Connect the usage counters' receivers when the app is ready: one per kind counted by a signal,
and those that keep the counting's caches of sites and time zones fresh."""

from __future__ import annotations

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site

from .hits import forget_sites, forget_time_zones
from .marks import signal_kinds, signal_receiver


def register_signal_handlers() -> None:
    for kind, mark in signal_kinds():
        # weak=False: the receiver is built here and nothing else holds it.
        mark.signal.connect(
            signal_receiver(kind), weak=False, dispatch_uid=f"wagtail_tracking_usage_{kind.value}"
        )
    post_save.connect(forget_sites, sender=Site, dispatch_uid="wagtail_tracking_usage_sites")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="wagtail_tracking_usage_sites_del")
    setting_changed.connect(forget_time_zones, dispatch_uid="wagtail_tracking_usage_tz")
