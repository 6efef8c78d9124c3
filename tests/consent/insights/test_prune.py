import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail_tracking.consent.insights.tasks import prune_consent_task
from wagtail_tracking.models import BannerVersion, ConsentCount, ConsentReceipt


pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(site):
    now = timezone.now()
    old = BannerVersion.objects.create(site=site, language="en", digest="1" * 16, snapshot={})
    BannerVersion.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=3000))
    kept = BannerVersion.objects.create(site=site, language="en", digest="2" * 16, snapshot={})
    for days, rid, version in ((2000, "a", old), (10, "b", kept)):
        ConsentReceipt.objects.create(
            receipt_id=rid * 32,
            site=site,
            version=version,
            action="accept",
            choices={},
            created_at=now - datetime.timedelta(days=days),
        )
    for days in (800, 1):
        ConsentCount.objects.create(
            day=timezone.localdate() - datetime.timedelta(days=days),
            site=site,
            event="shown",
            count=3,
        )


def test_command_applies_the_default_retention(stored):
    out = StringIO()
    call_command("wagtail_tracking_prune_consent", stdout=out)
    assert "Deleted 1 consent receipts, 1 consent counters and 1 banner versions." in out.getvalue()
    assert list(ConsentReceipt.objects.values_list("receipt_id", flat=True)) == ["b" * 32]
    assert ConsentCount.objects.count() == 1
    assert BannerVersion.objects.count() == 1


def test_none_keeps_forever_and_options(stored, settings):
    settings.WAGTAIL_TRACKING = {
        "CONSENT_RECEIPT_RETENTION_DAYS": None,
        "CONSENT_STATISTICS_RETENTION_DAYS": None,
    }
    call_command("wagtail_tracking_prune_consent", stdout=StringIO())
    assert ConsentReceipt.objects.count() == 2 and ConsentCount.objects.count() == 2
    call_command("wagtail_tracking_prune_consent", "--receipt-days=5", stdout=StringIO())
    assert ConsentReceipt.objects.count() == 0
    with pytest.raises(CommandError):
        call_command("wagtail_tracking_prune_consent", "--statistics-days=-1")


def test_task(stored):
    assert prune_consent_task.call() == {"receipts": 1, "counts": 1, "versions": 1}


def test_flush_command(site):
    out = StringIO()
    call_command("wagtail_tracking_flush_consent", "--include-open", stdout=out)
    assert "Flushed" in out.getvalue()


@pytest.mark.parametrize(
    ("key", "value", "check_id"),
    [
        ("CONSENT_STATISTICS", "yes", "wagtail_tracking.E054"),
        ("CONSENT_RECEIPTS", 1, "wagtail_tracking.E054"),
        ("CONSENT_RECEIPT_RETENTION_DAYS", 0, "wagtail_tracking.E055"),
        ("CONSENT_STATISTICS_RETENTION_DAYS", "2y", "wagtail_tracking.E055"),
    ],
)
def test_checks(settings, key, value, check_id):
    from wagtail_tracking.consent.checks import check_consent_settings

    settings.WAGTAIL_TRACKING = {key: value}
    assert check_id in [message.id for message in check_consent_settings()]


def test_warning_when_the_beacon_url_is_missing(settings):
    from wagtail_tracking.consent.checks import check_consent_settings

    settings.ROOT_URLCONF = "tests.testapp.urls_without_beacon"
    assert "wagtail_tracking.W056" in [message.id for message in check_consent_settings()]
    settings.WAGTAIL_TRACKING = {"CONSENT_STATISTICS": False, "CONSENT_RECEIPTS": False}
    assert "wagtail_tracking.W056" not in [message.id for message in check_consent_settings()]


def test_no_beacon_warning_without_a_url_configuration(settings):
    """A settings module with no ROOT_URLCONF (commands only) is checked, not crashed."""
    from wagtail_tracking.consent.checks import check_consent_settings

    del settings.ROOT_URLCONF
    assert "wagtail_tracking.W056" not in [message.id for message in check_consent_settings()]


def test_demo_data_is_idempotent_and_feeds_the_report(site):
    from wagtail_tracking.consent.insights.demo import fill_demo_consent

    fill_demo_consent(days=20)
    first = (ConsentCount.objects.count(), ConsentReceipt.objects.count())
    fill_demo_consent(days=20)
    assert (ConsentCount.objects.count(), ConsentReceipt.objects.count()) == first
    assert first[1] == 20 * 12
    assert ConsentCount.objects.filter(event="tool_yes", tool="ga4").exists()
