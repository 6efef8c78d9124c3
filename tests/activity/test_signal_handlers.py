"""Wiring: with capture off at start-up, not one receiver of the activity log is connected."""

import pytest
from django.contrib.auth import signals as auth_signals
from django.core import signals as core_signals
from django.db.models import signals
from django.test import override_settings
from wagtail.models import PageLogEntry

from tests.receivers import receivers_of, wiring_undone
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
    return receivers_of("wagtail_tracking.activity", SIGNALS)


@pytest.fixture
def started_without_receivers():
    """The activity log's receivers disconnected, and connected again afterwards."""
    with wiring_undone(
        activity_receivers, disconnect_signal_handlers, register_signal_handlers
    ) as connected:
        yield connected


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
