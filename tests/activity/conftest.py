"""Fixtures for the activity log: a page with history, and a way to read the new events."""

import pytest

from tests.testapp.models import ContentPage
from wagtail_tracking.models import ActivityEvent


@pytest.fixture
def page(home_page, admin_user):
    """A published page with one revision, as an editor would have created it."""
    page = home_page.add_child(
        instance=ContentPage(title="About", slug="about", body="<p>Old body</p>", owner=admin_user)
    )
    page.save_revision(user=admin_user).publish(user=admin_user)
    return page


@pytest.fixture
def recorded(admin_client, page):
    """Forget what the fixtures recorded; calling it returns the events recorded since."""
    ActivityEvent.objects.all().delete()

    def events(**filters):
        return list(ActivityEvent.objects.filter(**filters).order_by("pk"))

    return events
