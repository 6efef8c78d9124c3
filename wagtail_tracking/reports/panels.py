"""The 30-day usage panels of a page and of a document in the admin.

They are shown to whoever may edit the object: counts of one object say nothing about other
content or about people, unlike the Analytics menu (which needs "Browse analytics").
"""

from __future__ import annotations

import swapper
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from wagtail_tracking.models.usage import Audience, UsageKind
from wagtail_tracking.usage.queries import object_usage

from .charts import Series, TimeSeriesChart
from .figures import KeyFigure
from .periods import last_days
from .views import CHART_MEDIA


PANEL_DAYS = 30


def usage_panel_context(kind: str, object_id: int) -> dict:
    """What both panels show: the last 30 days, the change, the audiences and a sparkline."""
    period = last_days(PANEL_DAYS)
    usage = object_usage(kind, object_id, period)
    label = _("Views") if kind == UsageKind.PAGE else _("Downloads")
    return {
        "panel_days": PANEL_DAYS,
        "figure": KeyFigure(str(label), usage["total"], usage["previous"]),
        "audiences": [
            (audience.label, usage["by_audience"].get(audience.value, 0)) for audience in Audience
        ],
        "chart": TimeSeriesChart(
            chart_id=f"wt-usage-{kind}-{object_id}",
            title=str(label),
            days=list(period.each_day()),
            series=[Series(kind, str(label), usage["daily"])],
            height=120,
        ),
        "kind": kind,
    }


class PageUsagePanelView(WagtailAdminTemplateMixin, TemplateView):
    """Views of one page over the last 30 days, opened from the page's header menu."""

    template_name = "wagtail_tracking/reports/page_usage.html"
    header_icon = "wagtail-tracking-chart"

    def dispatch(self, request, page_id):
        Page = swapper.load_model("wagtailcore", "Page")
        self.page = get_object_or_404(Page, pk=page_id).specific_deferred
        if not self.page.permissions_for_user(request.user).can_edit():
            return permission_denied(request)
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Usage")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": _("Usage")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(usage_panel_context(UsageKind.PAGE, self.page.pk))
        context["page"] = self.page
        context["media"] = CHART_MEDIA
        return context


def page_usage_header_button(page, user, view_name, next_url=None):
    """The "Usage" entry of a page's header menu (listing and edit views), for its editors."""
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return []
    return [
        Button(
            _("Usage"),
            reverse("wagtail_tracking_analytics:page_usage", args=[page.pk]),
            icon_name="wagtail-tracking-chart",
            priority=66,
        )
    ]
