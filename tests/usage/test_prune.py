import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wagtail_tracking.models import UsageCount
from wagtail_tracking.usage.prune import prune_usage


pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 30)


@pytest.fixture
def days_of_counts(site):
    UsageCount.objects.bulk_create(
        UsageCount(
            day=TODAY - datetime.timedelta(days=age),
            site=site,
            kind="page",
            audience=1,
            object_id=1,
            count=1,
        )
        for age in range(20)
    )


def test_prune_deletes_days_before_the_cutoff_in_batches(days_of_counts):
    assert prune_usage(days=10, batch_size=3, today=TODAY) == 9
    assert UsageCount.objects.order_by("day").first().day == TODAY - datetime.timedelta(days=10)


def test_retention_setting_and_none(days_of_counts, settings):
    settings.WAGTAIL_TRACKING = {"USAGE_RETENTION_DAYS": 5}
    assert prune_usage(today=TODAY) == 14
    settings.WAGTAIL_TRACKING = {"USAGE_RETENTION_DAYS": None}
    assert prune_usage(today=TODAY) == 0


def test_prune_command(days_of_counts, settings):
    out = StringIO()
    call_command("wagtail_tracking_prune_usage", "--days", "0", stdout=out)
    assert "Deleted" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("wagtail_tracking_prune_usage", "--days", "-1")
    with pytest.raises(CommandError):
        call_command("wagtail_tracking_prune_usage", "--batch-size", "0")
    settings.WAGTAIL_TRACKING = {"USAGE_RETENTION_DAYS": None}
    call_command("wagtail_tracking_prune_usage", stdout=out)
    assert "kept forever" in out.getvalue()
