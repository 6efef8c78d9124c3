"""The activity log as source data: all events, one user's actions, one object's history.

Built on Wagtail's ``ReportView`` rather than wagtail-modeladmin: the listings then share the
analytics reports' permission check, period filter, AJAX-refreshed results and formula-safe
exports, and modeladmin's index view cannot stream an export of a million rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.widgets.button import HeaderButton

from wagtail_tracking.activity import queries
from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.reports.columns import LinkColumn
from wagtail_tracking.reports.filters import PERIOD_PARAMS
from wagtail_tracking.reports.streamed_export import StreamedExportMixin
from wagtail_tracking.reports.views import AnalyticsReportView

from .dataset import DATASET_FIELDS, dataset_rows, flat_row
from .event_filters import ActivityFilterSet
from .labels import action_label, actor_label, describe_diff, object_type_label, user_label
from .links import edit_urls, object_history_url, user_activity_url


class DiffColumn(Column):
    """What an event changed, one readable line per field."""

    cell_template_name = "wagtail_tracking/reports/components/diff_cell.html"

    def get_value(self, instance: ActivityEvent) -> list[str]:
        return describe_diff(instance.diff)


class EventListView(StreamedExportMixin, AnalyticsReportView):
    """Events, newest first, with every filter; all time unless a period is chosen.

    Exports the dataset (``dataset.DATASET_FIELDS``) as CSV, XLSX or JSON, whatever its size.
    """

    filterset_class = ActivityFilterSet
    results_template_name = "wagtail_tracking/reports/events_results.html"
    template_name = "wagtail_tracking/reports/usage.html"
    default_ordering = "-timestamp"
    is_searchable = True
    search_fields = ["object_title", "user_name", "affected_username", "action"]
    list_export = DATASET_FIELDS
    paginate_by = 50

    @property
    def has_period(self) -> bool:
        return any(self.request.GET.get(param) for param in PERIOD_PARAMS)

    def events(self) -> QuerySet[ActivityEvent]:
        return ActivityEvent.objects.all()

    def get_base_queryset(self) -> QuerySet[ActivityEvent]:
        return self.events()

    def search_queryset(self, queryset: QuerySet[ActivityEvent]) -> QuerySet[ActivityEvent]:
        if not self.is_searching:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": self.search_query})
        return queryset.filter(condition)

    def filter_queryset(self, queryset: QuerySet[ActivityEvent]) -> QuerySet[ActivityEvent]:
        queryset = super().filter_queryset(queryset)
        if self.has_period:
            queryset = queries.in_period(queryset, self.period)
        return queryset

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["show_period"] = self.has_period
        # Read by the "Edit" column when the table renders: the page's objects in a few queries.
        self.edit_urls = edit_urls(self.request.user, context.get("object_list") or ())
        return context

    def edit_url(self, event: ActivityEvent) -> str | None:
        return getattr(self, "edit_urls", {}).get((event.content_type_id, event.object_id))

    @cached_property
    def columns(self) -> list[Column]:
        """When, who, what action on which object, what changed, and the link to inspect it."""
        return [
            DateColumn("timestamp", label=_("When"), sort_key="timestamp"),
            LinkColumn(
                "user_name",
                label=pgettext_lazy("analytics report", "User"),
                sort_key="user_name",
                accessor=actor_label,
                get_url=lambda event: user_activity_url(event.user_id) if event.user_id else None,
            ),
            Column(
                "action",
                label=pgettext_lazy("analytics report", "Action"),
                accessor=lambda event: action_label(event.action),
            ),
            TitleColumn(
                "object_title",
                label=_("Object"),
                sort_key="object_title",
                get_url=lambda event: (
                    object_history_url(event.content_type_id, event.object_id)
                    if event.object_id
                    else None
                ),
                accessor=lambda event: event.object_title or event.object_id,
            ),
            Column(
                "object_type",
                label=_("Object type"),
                accessor=lambda event: object_type_label(event.object_type),
            ),
            DiffColumn("diff", label=pgettext_lazy("analytics report", "Changes")),
            LinkColumn(
                "edit",
                label=pgettext_lazy("analytics report", "Edit"),
                accessor=lambda event: (
                    pgettext_lazy("analytics report", "Edit") if self.edit_url(event) else ""
                ),
                get_url=self.edit_url,
            ),
            LinkColumn(
                "inspect",
                label=_("Event"),
                accessor=lambda event: pgettext_lazy("analytics report", "Inspect"),
                get_url=lambda event: reverse(
                    "wagtail_tracking_analytics:backoffice_event", args=[event.pk]
                ),
            ),
        ]

    def export_rows(self, queryset: QuerySet[ActivityEvent]) -> Iterator[dict[str, Any]]:
        return dataset_rows(queryset)

    def to_row_dict(self, item: dict[str, Any]) -> dict[str, Any]:
        return flat_row(item)


class ActivityLogView(EventListView):
    """Every event: the source data behind the dashboard ("See source data")."""

    page_title = _("Activity log")
    index_url_name = "wagtail_tracking_analytics:backoffice_events"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_events_results"
    export_filename = "activity-log"


class UserActivityView(EventListView):
    """Every action one user took, on which objects."""

    export_filename = "activity-log-user"
    index_url_name = "wagtail_tracking_analytics:backoffice_user"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_user_results"

    def events(self) -> QuerySet[ActivityEvent]:
        return ActivityEvent.objects.filter(user_id=self.kwargs["user_id"])

    @cached_property
    def user_name(self) -> str:
        name = self.events().order_by("-timestamp").values_list("user_name", flat=True).first()
        if name is None:
            raise Http404
        return user_label(name, self.kwargs["user_id"])

    def get_page_title(self) -> str | Promise:
        return _("Actions by %(user)s") % {"user": self.user_name}

    def get_index_url(self) -> str:
        return reverse(self.index_url_name, args=[self.kwargs["user_id"]])

    def get_index_results_url(self) -> str:
        return reverse(self.index_results_url_name, args=[self.kwargs["user_id"]])


class ObjectHistoryView(EventListView):
    """Every action on one object, by whom, with what changed."""

    export_filename = "activity-log-object"
    index_url_name = "wagtail_tracking_analytics:backoffice_object"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_object_results"

    def events(self) -> QuerySet[ActivityEvent]:
        type_id = self.kwargs["content_type_id"] or None
        return ActivityEvent.objects.filter(
            content_type_id=type_id, object_id=self.kwargs["object_id"]
        )

    @cached_property
    def latest_event(self) -> ActivityEvent:
        event = self.events().order_by("-timestamp").first()
        if event is None:
            raise Http404
        return event

    def get_page_title(self) -> str | Promise:
        event = self.latest_event
        title = event.object_title or f"#{event.object_id}"
        return _("History of %(object)s") % {"object": title}

    def get_page_subtitle(self) -> str:
        return object_type_label(self.latest_event.object_type)

    @cached_property
    def header_buttons(self) -> list[HeaderButton]:
        """A link to the object's own edit view, while it exists and the user may edit it."""
        event = self.latest_event
        url = edit_urls(self.request.user, [event]).get((event.content_type_id, event.object_id))
        if not url:
            return []
        return [HeaderButton(pgettext_lazy("analytics report", "Edit"), url=url, icon_name="edit")]

    def object_args(self) -> list[Any]:
        return [self.kwargs["content_type_id"], self.kwargs["object_id"]]

    def get_index_url(self) -> str:
        return reverse(self.index_url_name, args=self.object_args())

    def get_index_results_url(self) -> str:
        return reverse(self.index_results_url_name, args=self.object_args())
