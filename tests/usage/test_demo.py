import datetime

import pytest
from django.db.models import Sum

from wagtail_tracking.models import UsageCount
from wagtail_tracking.usage.demo import fill_demo_usage


pytestmark = pytest.mark.django_db


def test_demo_usage_is_plausible_and_idempotent(site, home_page):
    today = datetime.date(2026, 6, 30)
    written = fill_demo_usage(days=90, today=today)
    totals = dict(UsageCount.objects.object_rows().values_list("kind").annotate(n=Sum("count")))
    assert written == UsageCount.objects.count()
    assert totals["page"] > 0 and totals["api"] > 0
    assert UsageCount.objects.order_by("day").first().day == today - datetime.timedelta(days=89)
    referrers = UsageCount.objects.referrer_rows().aggregate(n=Sum("count"))["n"]
    assert referrers == sum(totals.values())
    fill_demo_usage(days=90, today=today)
    assert (
        dict(UsageCount.objects.object_rows().values_list("kind").annotate(n=Sum("count")))
        == totals
    )
