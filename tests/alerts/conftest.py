"""Fixtures for the alerts: write events as the capture does, and run what waits for the commit."""

import pytest
from django.utils import timezone

from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.activity.writes import save_event
from wagtail_tracking.alerts.models import Alert


@pytest.fixture
def record(site, django_capture_on_commit_callbacks):
    """Record one event through the capture's write path; the rules run as after a commit."""

    def record(action="wagtail.edit", object_type="page", **fields):
        now = timezone.now()
        event = ActivityEvent(
            timestamp=now,
            last_timestamp=now,
            action=action,
            object_type=object_type,
            source=ActivityEvent.Source.ADMIN,
            site_id=site.pk,
            **fields,
        )
        with django_capture_on_commit_callbacks(execute=True):
            save_event(event)
        return event

    return record


@pytest.fixture
def alerts():
    def alerts(rule=None):
        queryset = Alert.objects.order_by("pk")
        return list(queryset.filter(rule=rule) if rule else queryset)

    return alerts
