"""The weekly digest: who gets it, what it says, in which language, and never twice a week."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.users.models import UserProfile

from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.alerts.models import Alert, NotificationPreference
from wagtail_tracking.reports.digest.figures import last_week, week_of
from wagtail_tracking.reports.digest.mail import send_digests
from wagtail_tracking.usage.models import UsageCount


pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    return last_week()


@pytest.fixture
def subscriber(analyst, site):
    preference = NotificationPreference.objects.create(user=analyst, weekly_digest=True)
    preference.digest_sites.add(site)
    return analyst


@pytest.fixture
def activity(week, site, home_page, admin_user):
    moment = timezone.make_aware(datetime.datetime.combine(week.start, datetime.time(10)))
    for _ in range(3):
        ActivityEvent.objects.create(
            timestamp=moment,
            last_timestamp=moment,
            site=site,
            user=admin_user,
            user_name="admin",
            object_type="page",
            content_type_id=home_page.content_type_id,
            object_id=str(home_page.pk),
            object_title="Home <sweet> home",
            page_id=home_page.pk,
            action="wagtail.edit",
            source="admin",
        )
    UsageCount.objects.create(
        day=week.start, site=site, kind="page", audience=1, object_id=home_page.pk, count=42
    )
    Alert.objects.create(
        rule="failed_logins",
        severity="warning",
        dedupe_key="failed_logins:x",
        site=site,
        created_at=moment,
        details={"username": "<b>bob</b>", "count": 6, "minutes": 15},
    )


def test_the_digest_says_the_weeks_figures(subscriber, activity, week):
    assert send_digests(week).as_dict() == {"sent": 1, "already_sent": 0, "failed": 0}
    [message] = mail.outbox
    assert message.to == ["analyst@example.com"]
    assert message.subject == f"Main: analytics digest of the week of {week.start:%m/%d/%Y}"
    text = message.body
    assert "- Actions: 3" in text and "- admin: 3" in text
    assert "- Page views: 42" in text
    assert "6 failed logins for the username “<b>bob</b>”" in text
    assert (
        f"http://testserver/admin/analytics/back-office/?start={week.start}&end={week.end}" in text
    )
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "&lt;b&gt;bob&lt;/b&gt;" in html and "<b>bob" not in html
    assert "Most modified pages" in html and "Top pages" in html
    assert 'href="http://testserver/admin/analytics/alerts/"' in html
    # No external resource: no images, styles, scripts or fonts are fetched, links only.
    assert not re.search(r"<(img|link|script|iframe)\b|src=|url\(|@import", html)


def test_never_twice_for_a_week(subscriber, activity, week):
    send_digests(week)
    assert send_digests(week).as_dict() == {"sent": 0, "already_sent": 1, "failed": 0}
    call_command("wagtail_tracking_send_digest", "--week", str(week.end))
    assert len(mail.outbox) == 1
    send_digests(week_of(week.start - datetime.timedelta(days=7)))
    assert len(mail.outbox) == 2


def test_in_the_users_language_and_time_zone(subscriber, activity, week):
    profile = UserProfile.get_for_user(subscriber)
    profile.preferred_language = "fr"
    profile.current_time_zone = "America/New_York"
    profile.save()
    send_digests(week)
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "fr"
    html = message.alternatives[0][0]
    assert '<html lang="fr">' in html
    with translation.override("fr"):
        assert date_format(week.start, "DATE_FORMAT") in message.body  # "1 décembre 2026"
    # The alert was raised at 10:00 in Paris: 04:00 in New York.
    assert "04:00" in message.body


def test_only_opted_in_users_with_browse_analytics(analyst, editor, site, week):
    NotificationPreference.objects.create(user=editor, weekly_digest=True)
    NotificationPreference.objects.create(user=analyst, weekly_digest=False, alert_emails=True)
    assert send_digests(week).sent == 0 and mail.outbox == []


def test_every_site_when_none_is_chosen(analyst, site, other_site, week):
    NotificationPreference.objects.create(user=analyst, weekly_digest=True)
    assert send_digests(week).sent == 2


def test_a_failed_send_is_retried_next_time(subscriber, week, settings):
    settings.EMAIL_BACKEND = "tests.reports.test_digest.FailingBackend"
    assert send_digests(week).failed == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_digests(week).sent == 1


def test_command_rejects_a_bad_week():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("wagtail_tracking_send_digest", "--week", "last friday")


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")
