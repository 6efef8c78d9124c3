"""One activity event, every field as stored, with who did what to which object."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.reports.views import AnalyticsPermissionMixin

from .dataset import event_fields
from .labels import action_label
from .links import activity_log_url, object_history_url, user_activity_url
from .readable import readable_lines


class EventInspectView(AnalyticsPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every field of one event, as stored."""

    template_name = "wagtail_tracking/reports/event_inspect.html"
    header_icon = "wagtail-tracking-chart"

    def get_page_title(self) -> str | Promise:
        return _("Activity event")

    @cached_property
    def event(self) -> ActivityEvent:
        return get_object_or_404(ActivityEvent, pk=self.kwargs["pk"])

    def get_page_subtitle(self) -> str:
        return f"#{self.event.pk}"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            {"url": reverse("wagtail_tracking_analytics:backoffice"), "label": _("Back office")},
            {
                "url": reverse("wagtail_tracking_analytics:backoffice_events"),
                "label": _("Activity log"),
            },
            {"url": "", "label": f"#{self.event.pk}"},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        event = self.event
        context["fields"] = event_fields(event)
        context["event"] = event
        context["action_label"] = action_label(event.action)
        context["diff_lines"] = readable_lines(event)
        context["user_url"] = user_activity_url(event.user_id) if event.user_id else ""
        context["object_url"] = (
            object_history_url(event.content_type_id, event.object_id) if event.object_id else ""
        )
        context["listing_url"] = activity_log_url(self.request, None)
        return context
