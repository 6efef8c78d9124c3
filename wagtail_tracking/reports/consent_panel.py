"""The consent key figures of the last 14 days on the Wagtail admin home page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from wagtail_tracking.consent.insights import queries
from wagtail_tracking.consent.insights.models import ConsentCount

from .access import user_can_browse_analytics
from .figures import KeyFigure
from .presets import default_period


class ConsentHomePanel(Component):
    name = "wagtail_tracking_consent"
    order = 120
    template_name = "wagtail_tracking/reports/components/consent_home_panel.html"

    def __init__(self, totals: dict[str, tuple[int, int]], period) -> None:
        self.totals = totals
        self.period = period

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        shown, accepted = self.totals["shown"], self.totals["accept"]
        return {
            "title": _("Consent banner, last 14 days"),
            "figures": [
                KeyFigure(str(_("Banner shown")), *shown),
                KeyFigure(str(_("Accepted all")), *accepted),
                KeyFigure(str(_("Refused all")), *self.totals["refuse"]),
            ],
            "acceptance": round(accepted[0] * 100 / shown[0]) if shown[0] else None,
            "period": self.period,
            "previous_period": self.period.previous(),
            "report_url": reverse("wagtail_tracking_analytics:consent"),
        }


def add_consent_home_panel(request: HttpRequest, panels: list[Component]) -> None:
    """``construct_homepage_panels``: for users who may see it, once the banner has answers."""
    if not user_can_browse_analytics(request.user):
        return
    period = default_period()
    totals = queries.totals(ConsentCount.objects.all(), period)
    if any(current or previous for current, previous in totals.values()):
        panels.append(ConsentHomePanel(totals, period))
