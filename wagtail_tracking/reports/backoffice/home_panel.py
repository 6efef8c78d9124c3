"""The last 7 days' back-office key figures on the Wagtail admin home page.

Like is compared with like: the last 7 days (today included) with the 7 days before them, and
the link opens the dashboard on exactly that period (its "Last 7 days" preset).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from wagtail_tracking.activity.summary import ActivitySummary
from wagtail_tracking.periods import Period, last_days
from wagtail_tracking.reports.access import user_can_browse_analytics
from wagtail_tracking.reports.charts import CHART_MEDIA

from .dashboard import key_figures


#: The dashboard's preset for the same period as the panel's.
PANEL_PRESET = "7d"


def panel_period() -> Period:
    """The last 7 days, today included; compared with the 7 days just before."""
    return last_days(7)


class BackofficeHomePanel(Component):
    name = "wagtail_tracking_backoffice"
    order = 110
    template_name = "wagtail_tracking/reports/components/home_panel.html"
    media = CHART_MEDIA

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        period = panel_period()
        summary = ActivitySummary(period)
        return {
            "title": _("Back office, last 7 days"),
            "figures": key_figures(summary),
            "preparing_before": summary.preparing_before,
            "period": period,
            "previous_period": period.previous(),
            "dashboard_url": reverse("wagtail_tracking_analytics:backoffice")
            + f"?period={PANEL_PRESET}",
        }


def add_backoffice_home_panel(request: HttpRequest, panels: list[Component]) -> None:
    """Wagtail's ``construct_homepage_panels`` hook: the panel, for users who may see it."""
    if user_can_browse_analytics(request.user):
        panels.append(BackofficeHomePanel())
