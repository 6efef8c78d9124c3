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
