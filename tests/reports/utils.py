"""Stored usage counters for the report tests."""

import datetime

from django.utils import timezone

from wagtail_tracking.usage.models import Audience, UsageCount


def count(
    site, kind, days_ago=0, n=1, audience=Audience.ANONYMOUS, object_id=0, endpoint="", referrer=""
):
    """One day's counter row, ``days_ago`` days before today."""
    return UsageCount.objects.create(
        day=timezone.localdate() - datetime.timedelta(days=days_ago),
        site=site,
        kind=kind,
        audience=audience,
        object_id=object_id,
        endpoint=endpoint,
        referrer=referrer,
        count=n,
    )
