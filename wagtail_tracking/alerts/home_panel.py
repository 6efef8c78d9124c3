"""The open alerts on the Wagtail admin home page, until somebody acknowledges them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from wagtail.admin.ui.components import Component

from .models import Alert
from .notify import message_of
from .views import can_see_alerts


SHOWN = 5


class AlertsHomePanel(Component):
    name = "wagtail_tracking_alerts"
    order = 105
    template_name = "wagtail_tracking/alerts/home_panel.html"

    def __init__(self, alerts: list[Alert], total: int) -> None:
        self.alerts = alerts
        self.total = total

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return {
            "items": [(alert, message_of(alert)) for alert in self.alerts],
            "total": self.total,
            "listing_url": reverse("wagtail_tracking_alerts:index") + "?status=open",
        }


def add_alerts_home_panel(request: HttpRequest, panels: list[Component]) -> None:
    """Wagtail's ``construct_homepage_panels`` hook: shown while alerts wait, to those who may see them."""
    if not can_see_alerts(request.user):
        return
    open_alerts = Alert.objects.filter(acknowledged_at__isnull=True)
    alerts = list(open_alerts[:SHOWN])
    if alerts:
        total = len(alerts) if len(alerts) < SHOWN else open_alerts.count()
        panels.append(AlertsHomePanel(alerts, total))
