"""Wiring: with capture off at start-up, not one receiver of the activity log is connected."""

import weakref

import pytest
from django.contrib.auth import signals as auth_signals
from django.core import signals as core_signals
from django.db.models import signals
from django.test import override_settings
from wagtail.models import PageLogEntry

from wagtail_tracking.activity.signal_handlers import (
    disconnect_signal_handlers,
    register_signal_handlers,
)
from wagtail_tracking.models import ActivityEvent


SIGNALS = {
    "pre_save": signals.pre_save,
    "post_save": signals.post_save,
    "post_delete": signals.post_delete,
    "m2m_changed": signals.m2m_changed,
    "request_started": core_signals.request_started,
    "request_finished": core_signals.request_finished,
    "user_logged_in": auth_signals.user_logged_in,
    "user_logged_out": auth_signals.user_logged_out,
    "user_login_failed": auth_signals.user_login_failed,
}


def activity_receivers() -> dict[str, int]:
    """How many receivers of the activity package each signal has."""
    found = {}
    for name, signal in SIGNALS.items():
        receivers = [
            reference() if isinstance(reference, weakref.ReferenceType) else reference
            for _key, reference, _is_async in signal.receivers
        ]
        count = sum(
            1
            for receiver in receivers
            if getattr(receiver, "__module__", "").startswith("wagtail_tracking.activity")
        )
        if count:
            found[name] = count
    return found


@pytest.fixture
def started_without_receivers():
    """The activity log's receivers disconnected, and connected again afterwards."""
    connected = activity_receivers()
    disconnect_signal_handlers()
    try:
        yield connected
    finally:
        register_signal_handlers()
    assert activity_receivers() == connected


def test_every_kind_of_signal_is_heard_when_capture_is_on():
    assert set(activity_receivers()) == set(SIGNALS)


@pytest.mark.parametrize("switch", [{"ACTIVITY_CAPTURE": False}, {"ENABLED": False}])
def test_capture_off_at_start_up_connects_nothing(started_without_receivers, switch):
    with override_settings(WAGTAIL_TRACKING=switch):
        register_signal_handlers()
    assert activity_receivers() == {}
    register_signal_handlers()  # what a start-up with capture on does
    assert activity_receivers() == started_without_receivers


@pytest.mark.django_db
def test_without_receivers_turning_capture_on_later_records_nothing(
    started_without_receivers, page
):
    with override_settings(WAGTAIL_TRACKING={"ACTIVITY_CAPTURE": False}):
        register_signal_handlers()
    ActivityEvent.objects.all().delete()
    PageLogEntry.objects.log_action(page, "wagtail.lock")  # capture is on by now: nobody hears
    assert not ActivityEvent.objects.exists()
