"""This week's back-office key figures on the Wagtail admin home page."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from wagtail_tracking.activity.summary import ActivitySummary
from wagtail_tracking.periods import Period, site_today
from wagtail_tracking.reports.access import user_can_browse_analytics
from wagtail_tracking.reports.charts import CHART_MEDIA

from .dashboard import key_figures


def this_week(today: datetime.date | None = None) -> Period:
    """Monday to today; compared with the same number of days just before."""
    today = today or site_today()
    return Period(today - datetime.timedelta(days=today.weekday()), today)


class BackofficeHomePanel(Component):
    name = "wagtail_tracking_backoffice"
    order = 110
    template_name = "wagtail_tracking/reports/components/home_panel.html"
    media = CHART_MEDIA

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        period = this_week()
        summary = ActivitySummary(period)
        return {
            "title": _("Back office this week"),
            "figures": key_figures(summary),
            "preparing_before": summary.preparing_before,
            "period": period,
            "previous_period": period.previous(),
            "dashboard_url": reverse("wagtail_tracking_analytics:backoffice") + "?period=7d",
        }


def add_backoffice_home_panel(request: HttpRequest, panels: list[Component]) -> None:
    """Wagtail's ``construct_homepage_panels`` hook: the panel, for users who may see it."""
    if user_can_browse_analytics(request.user):
        panels.append(BackofficeHomePanel())
