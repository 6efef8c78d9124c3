"""Logins, logouts and failed logins to the Wagtail admin."""

import pytest
from django.urls import reverse

from wagtail_tracking.models import ActivityEvent


pytestmark = pytest.mark.django_db


def test_login_logout_and_failed_login(client, editor, site):
    ActivityEvent.objects.all().delete()
    login_url = reverse("wagtailadmin_login")
    client.post(login_url, {"username": "editor", "password": "wrong"})
    client.post(login_url, {"username": "editor", "password": "password"})
    client.post(reverse("wagtailadmin_logout"))
    events = list(ActivityEvent.objects.order_by("pk"))
    assert [(e.action, e.source) for e in events] == [
        ("wagtail_tracking.login_failed", "auth"),
        ("wagtail_tracking.login", "auth"),
        ("wagtail_tracking.logout", "auth"),
    ]
    failed, login, logout = events
    assert (
        failed.user_id is None
        and failed.affected_user_id == editor.pk
        and failed.affected_username == "editor"
    )
    assert login.user_id == logout.user_id == editor.pk and login.user_name == "editor"
    assert login.site_id == site.pk


def test_users_without_admin_access_are_not_recorded(client, django_user_model):
    django_user_model.objects.create_user(username="member", password="password")
    ActivityEvent.objects.all().delete()
    client.login(username="member", password="password")
    assert not ActivityEvent.objects.exists()


def failed(client, username):
    client.post(reverse("wagtailadmin_login"), {"username": username, "password": "wrong"})


def test_a_flood_of_failed_logins_is_counted_not_listed(client, editor, site):
    ActivityEvent.objects.all().delete()
    for i in range(30):
        failed(client, "editor")
        failed(client, f"hunter{i}-typed-as-a-name")  # names no account
    events = ActivityEvent.objects.filter(action="wagtail_tracking.login_failed")
    by_account = {}
    for event in events:
        by_account.setdefault(event.affected_user_id, []).append(event.repeat_count)
    # One event per account (and one for the unknown names) per hour: a run that crosses the
    # hour makes two.
    assert set(by_account) == {editor.pk, None}
    assert all(len(counts) <= 2 for counts in by_account.values())
    assert sum(by_account[editor.pk]) == sum(by_account[None]) == 30


@pytest.mark.parametrize("typed", ["hunter2-secret", "x" * 150, "a b", "ünïcødé"])
def test_what_was_typed_is_stored_only_when_it_names_an_account(client, editor, site, typed):
    ActivityEvent.objects.all().delete()
    failed(client, typed)
    event = ActivityEvent.objects.get(action="wagtail_tracking.login_failed")
    stored = [str(value) for value in ActivityEvent.objects.values_list().get()]
    assert not any(typed in value for value in stored)
    assert (event.affected_user_id, event.affected_username, event.object_title) == (None, "", "")


def test_an_unknown_name_reads_as_such_in_the_log(client, admin_user, site):
    ActivityEvent.objects.all().delete()
    failed(client, "s3cret-password")
    client.force_login(admin_user)
    html = client.get("/admin/analytics/back-office/log/").content.decode()
    assert "s3cret-password" not in html
    assert "A user name that matches no account" in html
