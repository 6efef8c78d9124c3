"""A site's own rule through the hook; a failing rule is logged and never reaches the editor."""

import logging

import pytest
from wagtail import hooks

from wagtail_tracking.alerts import registry
from wagtail_tracking.alerts.models import Alert
from wagtail_tracking.alerts.rules import AlertRule, Finding


pytestmark = pytest.mark.django_db


class HomeUnpublished(AlertRule):
    slug = "home_unpublished"
    name = "Home page unpublished"
    description = "Somebody unpublished the home page."

    def watch(self, event):
        return event.pk if event.action == "wagtail.unpublish" and event.page_id == 2 else None

    def evaluate(self, subject, config):
        return Finding(key=str(subject), event_ids=[subject])


class Broken(AlertRule):
    slug = "broken"

    def watch(self, event):
        return event.pk

    def evaluate(self, subject, config):
        raise RuntimeError("boom")


@pytest.fixture
def extra_rules():
    def use(*rules):
        registry.clear_cache()
        return hooks.register_temporarily("register_wagtail_tracking_alert_rules", lambda: rules)

    yield use
    registry.clear_cache()


def test_a_site_rule_from_the_hook(record, extra_rules):
    with extra_rules(HomeUnpublished()):
        record("wagtail.unpublish", page_id=5)
        assert not Alert.objects.exists()
        event = record("wagtail.unpublish", page_id=2)
    alert = Alert.objects.get()
    assert (alert.rule, alert.event_ids, alert.severity) == (
        "home_unpublished",
        [event.pk],
        "warning",
    )


def test_a_failing_rule_is_logged_and_the_others_run(record, extra_rules, caplog):
    with extra_rules(Broken()), caplog.at_level(logging.ERROR, "wagtail_tracking.alerts"):
        record("wagtail.edit", object_type="group", diff={"permissions": {"added": ["a.b"]}})
    assert [a.rule for a in Alert.objects.all()] == ["group_permissions"]
    assert "alert rule broken failed" in caplog.text


def test_a_failing_watch_is_logged(record, extra_rules, caplog):
    class BadWatch(Broken):
        def watch(self, event):
            raise ValueError("bad")

    with extra_rules(BadWatch()), caplog.at_level(logging.ERROR, "wagtail_tracking"):
        event = record("wagtail.edit")
    assert event.pk is not None and "failed to watch" in caplog.text
