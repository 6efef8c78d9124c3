"""The sandbox's "done when", in the admin: each risky action raises its alert and e-mails it."""

from urllib.parse import urlencode

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from tests.testapp.models import ContentPage
from wagtail_tracking.alerts.models import Alert, NotificationPreference


pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribed(analyst):
    NotificationPreference.objects.create(user=analyst, alert_emails=True)
    return analyst


def test_making_a_user_superuser(
    admin_client, editor, subscribed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailusers_users:edit", args=[editor.pk]),
            {
                "username": "editor",
                "email": "editor@example.com",
                "first_name": "Edith",
                "last_name": "Smith",
                "password1": "",
                "password2": "",
                "groups": [],
                "is_active": "on",
                "is_superuser": "on",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    [alert] = Alert.objects.all()
    assert alert.rule == "access_granted" and alert.user_name == "admin"
    [message] = mail.outbox
    assert message.to == ["analyst@example.com"]
    assert message.subject == "Alert: Superuser or admin access granted"
    assert "editor became a superuser." in message.body
    assert "/admin/analytics/alerts/" in message.body
    assert Alert.objects.get().emailed_at is not None


def test_deleting_ten_pages_in_bulk(
    admin_client, home_page, admin_user, subscribed, django_capture_on_commit_callbacks
):
    pages = [
        home_page.add_child(instance=ContentPage(title=f"Old {i}", slug=f"old-{i}"))
        for i in range(10)
    ]
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    url += "?" + urlencode({"id": [p.pk for p in pages]}, doseq=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {})
    assert response.status_code == 302
    [alert] = Alert.objects.all()
    assert alert.rule == "mass_removal" and alert.details["count"] == 10
    assert len(mail.outbox) == 1


def test_six_wrong_passwords(client, editor, subscribed, django_capture_on_commit_callbacks):
    login_url = reverse("wagtailadmin_login")
    for attempt in range(6):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(login_url, {"username": "editor", "password": "wrong"})
        assert Alert.objects.count() == (1 if attempt == 5 else 0)
    assert Alert.objects.get().rule == "failed_logins"
    assert "6 failed logins for the username “editor”" in mail.outbox[0].body


def test_the_alert_email_is_in_the_users_language(
    record, subscribed, site, django_capture_on_commit_callbacks
):
    profile = UserProfile.get_for_user(subscribed)
    profile.preferred_language = "fr"
    profile.save()
    record(
        "wagtail.edit",
        object_type="user",
        object_title="bob",
        diff={"changed": {"is_superuser": [False, True]}},
    )
    [message] = mail.outbox
    with translation.override("fr"):
        # Our French is added by the lead to the catalogue; Django's month names are there now.
        assert message.subject == gettext("Alert: %(name)s") % {
            "name": gettext("Superuser or admin access granted")
        }
        assert gettext("%(user)s became a superuser.") % {"user": "bob"} in message.body
        assert date_format(timezone.now(), "F") in message.body


def test_no_email_without_the_permission_or_the_choice(record, editor, analyst):
    NotificationPreference.objects.create(user=editor, alert_emails=True)
    NotificationPreference.objects.create(user=analyst, alert_emails=False, weekly_digest=True)
    record("wagtail.edit", object_type="user", diff={"changed": {"is_superuser": [False, True]}})
    assert Alert.objects.count() == 1 and mail.outbox == []
