import pytest

from wagtail_tracking.models import ActivityEvent

from .utils import event


@pytest.fixture
def activity(site, home_page, editor, analyst):
    ActivityEvent.objects.all().delete()  # what creating the fixtures recorded
    event(editor, "wagtail.edit", 0, home_page, site=site, diff={"changed": {"title": ["A", "B"]}})
    event(editor, "wagtail.publish", 1, home_page, site=site)
    event(editor, "wagtail.edit", 1, analyst)
    event(analyst, "wagtail.create", 2, editor)
    event(analyst, "wagtail_tracking.login", 0)  # authentication: not an action
    event(editor, "wagtail.edit", 20, home_page, site=site)  # previous period
    return home_page
