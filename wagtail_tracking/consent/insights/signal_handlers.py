"""Connect the consent beacon's receivers when the app is ready: its per-process cache of sites
(``sites.py``) is emptied whenever a site is saved or deleted."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models.signals import post_delete, post_save
from wagtail.models import Site

from wagtail_tracking.wiring import Connection, connect

from .sites import forget_sites


def register_signal_handlers() -> None:
    connect(connections())


def connections() -> Iterator[Connection]:
    yield Connection(post_save, forget_sites, "wagtail_tracking_beacon_sites", Site)
    yield Connection(post_delete, forget_sites, "wagtail_tracking_beacon_sites_del", Site)
