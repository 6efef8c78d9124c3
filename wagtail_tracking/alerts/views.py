"""Analytics › Alerts: every alert, newest first, and acknowledging one (or all open ones).

Shown to users with "Browse analytics", like the other analytics reports.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from .models import Alert
from .notify import BROWSE_ANALYTICS, message_of
from .registry import get_rules
from .severity import Severity


def can_see_alerts(user: Any) -> bool:
    return bool(user and user.is_active and user.has_perm(BROWSE_ANALYTICS))


class AlertAccessMixin(View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_see_alerts(request.user):
            response: HttpResponseBase = permission_denied(request)
            return response
        return super().dispatch(request, *args, **kwargs)


class AlertFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("alert", "Status"),
        choices=[("open", _("To acknowledge")), ("acknowledged", _("Acknowledged"))],
        method="filter_status",
        empty_label=pgettext_lazy("alert status", "All"),
    )
    severity = django_filters.ChoiceFilter(
        label=_("Severity"), choices=Severity.choices, empty_label=pgettext_lazy("alert", "Any")
    )

    class Meta:
        model = Alert
        fields = ["status", "severity"]

    def filter_status(self, queryset: QuerySet[Alert], name: str, value: str) -> QuerySet[Alert]:
        return queryset.filter(acknowledged_at__isnull=(value == "open"))


class RuleColumn(Column):
    def get_value(self, instance: Alert) -> str:
        rule = get_rules().get(instance.rule)
        return str(rule.name) if rule else instance.rule


class MessageColumn(Column):
    def get_value(self, instance: Alert) -> str:
        return message_of(instance)


class AcknowledgeColumn(Column):
    """When and by whom, or the button (a form, so it carries the page's CSRF token)."""

    cell_template_name = "wagtail_tracking/alerts/acknowledge_cell.html"

    def get_cell_context_data(self, instance: Alert, parent_context: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request is not None else ""
        return context


class AlertListView(AlertAccessMixin, ReportView):
    page_title = _("Alerts")
    header_icon = "warning"
    index_url_name = "wagtail_tracking_alerts:index"
    index_results_url_name = "wagtail_tracking_alerts:index_results"
    results_template_name = "wagtail_tracking/alerts/results.html"
    filterset_class = AlertFilterSet
    model = Alert
    paginate_by = 50
    columns = [
        DateColumn("created_at", label=_("Raised")),
        Column("get_severity_display", label=_("Severity")),
        RuleColumn("rule", label=_("Rule")),
        MessageColumn("message", label=_("What happened")),
        AcknowledgeColumn("acknowledged_at", label=_("Acknowledged")),
    ]

    def get_queryset(self) -> QuerySet[Alert]:
        return Alert.objects.select_related("acknowledged_by").order_by("-created_at", "-pk")


class AcknowledgeView(AlertAccessMixin, View):
    """POST only: marks one alert (or, with pk 0, every open alert) as acknowledged."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        alerts = Alert.objects.filter(acknowledged_at__isnull=True)
        if pk:
            alerts = alerts.filter(pk=get_object_or_404(Alert, pk=pk).pk)
        count = alerts.update(acknowledged_at=timezone.now(), acknowledged_by=request.user)
        if count:
            messages.success(request, _("Alert acknowledged.") if pk else _("Alerts acknowledged."))
        return redirect("wagtail_tracking_alerts:index")
