"""Wiring: with counting off at start-up, not one receiver of the usage counters is connected."""

import pytest
from django.core.signals import setting_changed
from django.db.models import signals
from wagtail.documents.models import document_served

from tests.receivers import receivers_of, wiring_undone
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
    return receivers_of("wagtail_tracking.usage", SIGNALS)


@pytest.fixture
def started_without_receivers():
    """The usage counters' receivers disconnected, and connected again afterwards."""
    undone = wiring_undone(usage_receivers, disconnect_signal_handlers, register_signal_handlers)
    with undone as connected:
        yield connected


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
