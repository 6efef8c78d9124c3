"""Wiring: the rules hear the activity stream, only after the commit, and not at all when off."""

import pytest
from django.utils import timezone

from tests.receivers import receivers_of, wiring_undone
from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.activity.stream import events_recorded
from wagtail_tracking.activity.writes import save_event
from wagtail_tracking.alerts.models import Alert
from wagtail_tracking.alerts.signal_handlers import (
    disconnect_signal_handlers,
    register_signal_handlers,
)


pytestmark = pytest.mark.django_db


def alert_receivers():
    return receivers_of("wagtail_tracking.alerts", {"events_recorded": events_recorded})


def superuser_event():
    now = timezone.now()
    return ActivityEvent(
        timestamp=now,
        last_timestamp=now,
        action="wagtail.edit",
        object_type="user",
        source="admin",
        diff={"changed": {"is_superuser": [False, True]}},
    )


def test_rules_wait_for_the_commit(site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        save_event(superuser_event())
        assert not Alert.objects.exists()
    # The test's transaction is rolled back, as an editor's failed action would be: nothing ran.
    assert len(callbacks) == 1 and not Alert.objects.exists()


def test_alerts_off_at_start_up_connects_nothing(
    site, settings, django_capture_on_commit_callbacks
):
    with wiring_undone(alert_receivers, disconnect_signal_handlers, register_signal_handlers) as on:
        assert on == {"events_recorded": 1}
        settings.WAGTAIL_TRACKING = {"ALERTS_ENABLED": False}
        register_signal_handlers()
        assert alert_receivers() == {}
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            save_event(superuser_event())
        assert callbacks == [] and not Alert.objects.exists()
        settings.WAGTAIL_TRACKING = {}  # back on, for the wiring to be made again
