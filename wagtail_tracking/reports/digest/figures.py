"""What a site's weekly digest says: the same figures as the dashboards, for one week."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from wagtail_tracking.activity.summary import ActivitySummary
from wagtail_tracking.alerts.models import Alert
from wagtail_tracking.alerts.notify import admin_url, message_of
from wagtail_tracking.periods import Period, site_time_zone, site_today
from wagtail_tracking.reports.backoffice.dashboard import key_figures
from wagtail_tracking.reports.figures import KeyFigure
from wagtail_tracking.reports.usage import label_field, ranked_rows
from wagtail_tracking.usage import queries
from wagtail_tracking.usage.kinds import KINDS
from wagtail_tracking.usage.models import UsageCount


TOP = 5


def last_week(today: datetime.date | None = None) -> Period:
    """Monday to Sunday of the last finished week, in the site's days."""
    today = today or site_today()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    return Period(monday, monday + datetime.timedelta(days=6))


def week_of(day: datetime.date) -> Period:
    monday = day - datetime.timedelta(days=day.weekday())
    return Period(monday, monday + datetime.timedelta(days=6))


def _rows(rows: list[dict[str, Any]], label: str, value: str) -> list[dict[str, Any]]:
    return [{"label": row.get(label) or "—", "value": row.get(value, 0)} for row in rows]


def _query(week: Period) -> str:
    return f"?start={week.start.isoformat()}&end={week.end.isoformat()}"


def activity_part(site: Site, week: Period) -> dict[str, Any]:
    summary = ActivitySummary(week, site_id=site.pk)
    return {
        "figures": key_figures(summary),
        "top_users": _rows(summary.top_users(TOP), "user_name", "total"),
        "top_pages": _rows(summary.top_objects(pages=True, limit=TOP), "title", "total"),
        "top_objects": _rows(summary.top_objects(pages=False, limit=TOP), "title", "total"),
        "url": admin_url(reverse("wagtail_tracking_analytics:backoffice") + _query(week)),
    }


def usage_part(site: Site, week: Period) -> dict[str, Any]:
    rows = UsageCount.objects.filter(site=site)
    totals = queries.totals_by_kind(rows, week)
    tables = []
    for kind in KINDS:
        if kind.objects is None:
            continue
        ranked = []
        for row in ranked_rows(kind, rows, week)[:TOP]:
            label = row.get(label_field(kind))
            deleted = kind.objects.deleted_label % {"id": row["object_id"]}
            ranked.append({"label": deleted if label is None else label, "value": row["total"]})
        tables.append({"title": kind.listing.top_title, "rows": ranked})
    return {
        "figures": [KeyFigure(str(kind.plural), *totals[kind.value]) for kind in KINDS],
        "tables": tables,
        "url": admin_url(reverse("wagtail_tracking_analytics:usage") + _query(week)),
    }


def alerts_part(site: Site, start: datetime.datetime, end: datetime.datetime) -> dict[str, Any]:
    alerts = Alert.objects.filter(
        Q(site=site) | Q(site__isnull=True), created_at__gte=start, created_at__lt=end
    )
    return {
        "items": [(alert, message_of(alert)) for alert in alerts.order_by("created_at")[:20]],
        "url": admin_url(reverse("wagtail_tracking_alerts:index")),
    }


def digest_context(site: Site, week: Period) -> dict[str, Any]:
    """Everything the digest shows for one site and week (labels in the active language)."""
    tz = site_time_zone()
    start = datetime.datetime.combine(week.start, datetime.time.min, tzinfo=tz)
    end = start + datetime.timedelta(days=7)
    return {
        "site": site,
        "week": week,
        "title": _("Weekly analytics digest"),
        "activity": activity_part(site, week),
        "usage": usage_part(site, week),
        "alerts": alerts_part(site, start, end),
    }
