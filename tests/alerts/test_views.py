"""Analytics › Alerts, acknowledging, the home panel, the account panel and the settings screen."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from wagtail_tracking.alerts.models import Alert, AlertSettings, NotificationPreference


pytestmark = pytest.mark.django_db


@pytest.fixture
def alert(site):
    return Alert.objects.create(
        rule="failed_logins",
        severity="warning",
        dedupe_key="failed_logins:1",
        site=site,
        details={"username": "<b>bob</b>", "count": 6, "minutes": 15},
    )


def test_listing_shows_the_alert_escaped(analyst, alert):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    response = client.get(reverse("wagtail_tracking_alerts:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Failed logins for one username" in html
    assert "&lt;b&gt;bob&lt;/b&gt;" in html and "<b>bob</b>" not in html
    assert "Acknowledge" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    url = reverse("wagtail_tracking_alerts:acknowledge", args=[alert.pk])
    assert client.post(url, {"csrfmiddlewaretoken": token}).status_code == 302


def test_listing_and_acknowledging_need_browse_analytics(client, editor, alert):
    client.force_login(editor)
    assert client.get(reverse("wagtail_tracking_alerts:index")).status_code == 302
    client.post(reverse("wagtail_tracking_alerts:acknowledge", args=[alert.pk]))
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_acknowledging_removes_it_from_the_home_panel(client, analyst, alert):
    client.force_login(analyst)
    assert "1 alert to acknowledge" in client.get(reverse("wagtailadmin_home")).content.decode()
    assert (
        client.get(reverse("wagtail_tracking_alerts:acknowledge", args=[alert.pk])).status_code
        == 405
    )
    response = client.post(reverse("wagtail_tracking_alerts:acknowledge", args=[alert.pk]))
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_at is not None and alert.acknowledged_by == analyst
    assert "alert to acknowledge" not in client.get(reverse("wagtailadmin_home")).content.decode()
    open_only = client.get(reverse("wagtail_tracking_alerts:index") + "?status=open")
    assert "No alert." in open_only.content.decode()


def test_no_home_panel_for_users_without_browse_analytics(client, editor, alert):
    client.force_login(editor)
    assert "to acknowledge" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_account_panel_saves_the_choices(client, analyst, site, editor):
    client.force_login(analyst)
    url = reverse("wagtailadmin_account")
    assert "Analytics e-mails" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name_email-first_name": "Ann",
            "name_email-last_name": "Lyst",
            "name_email-email": "analyst@example.com",
            "locale-preferred_language": "fr",
            "locale-current_time_zone": "Europe/Paris",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
            "wagtail_tracking_emails-alert_emails": "on",
            "wagtail_tracking_emails-weekly_digest": "on",
            "wagtail_tracking_emails-digest_sites": [site.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    preference = NotificationPreference.objects.get(user=analyst)
    assert preference.alert_emails and preference.weekly_digest
    assert list(preference.digest_sites.all()) == [site]
    client.force_login(editor)
    assert "Analytics e-mails" not in client.get(url).content.decode()


def test_settings_screen_switches_rules_off(admin_client, site):
    url = reverse("wagtailsettings:edit", args=["wagtail_tracking", "alertsettings", site.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Many objects deleted or unpublished" in response.content.decode()
    response = admin_client.post(
        url,
        {
            "disabled_rules": ["consent_settings"],
            "deletion_threshold": "12",
            "deletion_window": "5",
            "failed_login_threshold": "6",
            "failed_login_total_threshold": "20",
            "failed_login_window": "15",
        },
    )
    assert response.status_code == 302
    config = AlertSettings.for_site(Site.objects.get(pk=site.pk))
    assert config.disabled_rules == ["consent_settings"] and config.deletion_threshold == 12
    bad = admin_client.post(url, {"disabled_rules": ["nope"], "deletion_threshold": "-1"})
    assert bad.status_code == 200 and AlertSettings.for_site(site).deletion_threshold == 12
