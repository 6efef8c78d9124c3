"""Activity events and fixtures for the back-office report tests."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from wagtail_tracking.activity.summary import ActivitySummary
from wagtail_tracking.models import ActivityEvent


URL = "/admin/analytics/back-office/"


def event(user=None, action="wagtail.edit", days_ago=0, obj=None, object_type=None, **extra):
    moment = extra.pop("timestamp", None) or timezone.now() - datetime.timedelta(days=days_ago)
    if obj is not None:
        extra.setdefault("content_type_id", ContentType.objects.get_for_model(obj).pk)
        extra.setdefault("object_id", str(obj.pk))
        extra.setdefault("object_title", str(obj))
        object_type = object_type or ("page" if isinstance(obj, Page) else "user")
        if isinstance(obj, Page):
            extra.setdefault("page_id", obj.pk)
    return ActivityEvent.objects.create(
        timestamp=moment,
        last_timestamp=moment,
        user_id=user.pk if user else None,
        user_name=user.get_username() if user else "",
        action=action,
        object_type=object_type or "other",
        source="admin",
        **extra,
    )


def daily_and_weekdays(period):
    summary = ActivitySummary(period)
    return summary.daily_by_type(), summary.weekdays()
