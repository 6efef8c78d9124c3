"""Wiring: with counting off at start-up, not one receiver of the usage counters is connected."""

import pytest
from django.core.signals import setting_changed
from django.db.models import signals
from wagtail.documents.models import document_served

from wagtail_tracking.usage.signal_handlers import (
    disconnect_signal_handlers,
    register_signal_handlers,
)


SIGNALS = {
    "document_served": document_served,
    "post_save": signals.post_save,
    "post_delete": signals.post_delete,
    "setting_changed": setting_changed,
}


def usage_receivers() -> dict[str, int]:
    """How many receivers of the usage package each signal has."""
    found = {}
    for name, signal in SIGNALS.items():
        count = sum(
            1
            for _key, receiver, _is_async in signal.receivers
            if getattr(receiver, "__module__", "").startswith("wagtail_tracking.usage")
        )
        if count:
            found[name] = count
    return found


@pytest.fixture
def started_without_receivers():
    connected = usage_receivers()
    disconnect_signal_handlers()
    try:
        yield connected
    finally:
        register_signal_handlers()
    assert usage_receivers() == connected


def test_counting_on_at_start_up_hears_downloads_and_site_changes(started_without_receivers):
    assert started_without_receivers == {
        "document_served": 1,
        "post_save": 1,
        "post_delete": 1,
        "setting_changed": 1,
    }


@pytest.mark.parametrize("switch", ["USAGE_ENABLED", "ENABLED"])
def test_counting_off_at_start_up_connects_nothing(started_without_receivers, settings, switch):
    settings.WAGTAIL_TRACKING = {switch: False}
    register_signal_handlers()
    assert usage_receivers() == {}
