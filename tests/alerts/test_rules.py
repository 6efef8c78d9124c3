"""Each built-in rule fires exactly at its threshold, not just below, and once per occurrence."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.alerts.models import AlertSettings


pytestmark = pytest.mark.django_db

FAILED = "wagtail_tracking.login_failed"


def configure_alerts(site, **fields):
    config = AlertSettings.for_site(site)
    for name, value in fields.items():
        setattr(config, name, value)
    config.save()
    return config


@pytest.mark.parametrize("action", ["wagtail.delete", "wagtail.unpublish"])
def test_removals_fire_at_the_threshold_not_below(record, alerts, site, admin_user, action):
    configure_alerts(site, deletion_threshold=4, deletion_window=10)
    for index in range(3):
        record(action, user_id=admin_user.pk, user_name="admin", object_id=str(index))
    assert alerts() == []
    record(action, user_id=admin_user.pk, user_name="admin", object_id="3")
    [alert] = alerts()
    assert alert.rule == "mass_removal" and alert.severity == "critical"
    assert alert.details["count"] == 4 and alert.user_name == "admin"
    assert len(alert.event_ids) == 4
    record(action, user_id=admin_user.pk, user_name="admin", object_id="4")
    assert len(alerts()) == 1  # the same burst: still one alert


def test_removals_are_counted_per_user_and_in_the_window(record, alerts, site, admin_user, editor):
    configure_alerts(site, deletion_threshold=3, deletion_window=10)
    old = timezone.now() - timedelta(minutes=11)
    ActivityEvent.objects.create(
        timestamp=old, action="wagtail.delete", object_type="page", user=admin_user, source="admin"
    )
    record("wagtail.delete", user_id=admin_user.pk)
    record("wagtail.delete", user_id=editor.pk)
    record("wagtail.delete", user_id=admin_user.pk)
    assert alerts() == []


def test_failed_logins_per_username(record, alerts, site):
    configure_alerts(site, failed_login_threshold=6, failed_login_total_threshold=100)
    for _ in range(5):
        record(FAILED, object_type="user", affected_username="editor")
    record(FAILED, object_type="user", affected_username="someone-else")
    assert alerts() == []
    record(FAILED, object_type="user", affected_username="Editor")
    [alert] = alerts()
    assert alert.rule == "failed_logins"
    assert alert.details == {"username": "Editor", "count": 6, "minutes": 15}


def test_failed_logins_overall(record, alerts, site):
    configure_alerts(site, failed_login_threshold=100, failed_login_total_threshold=4)
    for index in range(3):
        record(FAILED, object_type="user", affected_username=f"user{index}")
    assert alerts() == []
    record(FAILED, object_type="user", affected_username="user3")
    assert [alert.rule for alert in alerts()] == ["failed_logins_overall"]


def test_aggregated_failed_logins_count_their_repeats(record, alerts, site):
    configure_alerts(site, failed_login_threshold=6)
    record(FAILED, object_type="user", affected_username="editor", repeat_count=5)
    assert alerts() == []
    record(FAILED, object_type="user", affected_username="editor")
    assert [alert.rule for alert in alerts()] == ["failed_logins"]


def test_superuser_granted(record, alerts, editor):
    record(object_type="user", object_title="editor", diff={"changed": {"first_name": ["", "E"]}})
    assert alerts() == []
    record(
        object_type="user", object_title="editor", diff={"changed": {"is_superuser": [False, True]}}
    )
    [alert] = alerts()
    assert alert.rule == "access_granted" and alert.details["granted"] == ["superuser"]


def test_admin_access_through_a_group(record, alerts, editor):
    plain = Group.objects.create(name="Readers")
    record(object_type="user", object_title="x", diff={"groups": {"added": [plain.name]}})
    assert alerts() == []
    record(object_type="user", object_title="x", diff={"groups": {"added": ["Editors"]}})
    [alert] = alerts()
    assert alert.details["granted"] == ["admin"] and alert.details["groups"] == ["Editors"]


def test_group_permissions(record, alerts):
    record(object_type="group", object_title="Editors", diff={"permissions": {"removed": ["a.b"]}})
    assert alerts() == []
    record(
        object_type="group",
        object_title="Editors",
        diff={"permissions": {"added": ["wagtailimages.add_image"]}},
    )
    [alert] = alerts()
    assert alert.rule == "group_permissions"
    assert alert.details["permissions"] == ["wagtailimages.add_image"]


def test_tracker_and_consent_settings(record, alerts, site):
    from django.contrib.contenttypes.models import ContentType

    from wagtail_tracking.consent.models import ConsentBannerSettings
    from wagtail_tracking.providers.models import TrackingProviderSettings

    other = ContentType.objects.get_for_model(Permission)
    record(object_type="setting", content_type_id=other.pk)
    assert alerts() == []
    tracking = ContentType.objects.get_for_model(TrackingProviderSettings)
    record(
        object_type="setting", content_type_id=tracking.pk, diff={"changed": {"providers": [1, 2]}}
    )
    consent = ContentType.objects.get_for_model(ConsentBannerSettings)
    record(object_type="setting", content_type_id=consent.pk)
    assert [(a.rule, a.severity) for a in alerts()] == [
        ("tracker_settings", "critical"),
        ("consent_settings", "warning"),
    ]


def test_a_rule_switched_off_for_the_site_raises_nothing(record, alerts, site):
    configure_alerts(site, disabled_rules=["failed_logins"], failed_login_threshold=1)
    record(FAILED, object_type="user", affected_username="editor")
    assert alerts() == []


def test_pruning_and_erasing_the_log(site, alerts, admin_user, django_capture_on_commit_callbacks):
    from wagtail_tracking.activity.retention import erase_person, prune

    old = timezone.now() - timedelta(days=800)
    for _ in range(2):
        ActivityEvent.objects.create(timestamp=old, action="wagtail.edit", object_type="page")
    ActivityEvent.objects.create(
        action="wagtail.edit", object_type="page", user=admin_user, user_name="admin"
    )
    with django_capture_on_commit_callbacks(execute=True):
        prune(timezone.now() - timedelta(days=700))
        prune(timezone.now() - timedelta(days=700))  # nothing left to prune: no alert
    with django_capture_on_commit_callbacks(execute=True):
        erase_person("admin")
    pruned, erased = alerts()
    assert (pruned.rule, pruned.severity, pruned.details["count"]) == ("log_shrank", "info", 2)
    assert erased.details["erased"] is True and erased.details["count"] == 1
    assert "admin" not in str(erased.details)
