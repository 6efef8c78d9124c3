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
from wagtail_tracking.reports.filters import filter_query_string
from wagtail_tracking.reports.views import AnalyticsPermissionMixin

from .dataset import event_fields
from .labels import action_label, actor_label
from .links import (
    DRILL_DOWN_PARAMS,
    FILTER_PARAMS,
    backoffice_breadcrumbs,
    object_history_url,
    user_activity_url,
    with_query,
)
from .readable import readable_lines


class EventInspectView(AnalyticsPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every field of one event, as stored."""

    template_name = "wagtail_tracking/reports/event_inspect.html"
    header_icon = "wagtail-tracking-chart"

    def get_page_title(self) -> str | Promise:
        """What happened: "Publish: Events this month, by admin"."""
        event = self.event
        return _("%(action)s: %(object)s, by %(user)s") % {
            "action": action_label(event.action),
            "object": event.object_title or event.object_id or "—",
            "user": actor_label(event),
        }

    @cached_property
    def event(self) -> ActivityEvent:
        return get_object_or_404(ActivityEvent, pk=self.kwargs["pk"])

    @cached_property
    def list_query(self) -> str:
        """The filters of the list the event was opened from."""
        return filter_query_string(self.request, FILTER_PARAMS)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        query = filter_query_string(self.request, DRILL_DOWN_PARAMS)
        return [
            *backoffice_breadcrumbs(
                query, ("wagtail_tracking_analytics:backoffice_events", _("Activity log"))
            ),
            {"url": "", "label": self.get_page_title()},
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
        context["listing_url"] = with_query(
            reverse("wagtail_tracking_analytics:backoffice_events"), self.list_query
        )
        return context
