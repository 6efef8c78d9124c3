"""The activity log as source data: all events, one user's actions, one object's history.

Built on Wagtail's ``ReportView`` rather than wagtail-modeladmin: the listings then share the
analytics reports' permission check, period filter, AJAX-refreshed results and formula-safe
exports, and modeladmin's index view cannot stream an export of a million rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn

from wagtail_tracking.activity import queries
from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.activity.rollup_blocks import count_events, earliest_event_day
from wagtail_tracking.periods import site_time_zone
from wagtail_tracking.reports.columns import LinkColumn
from wagtail_tracking.reports.filters import PERIOD_PARAMS, filter_query_string
from wagtail_tracking.reports.streamed_export import StreamedExportMixin
from wagtail_tracking.reports.views import AnalyticsReportView

from .dataset import DATASET_FIELDS, dataset_rows, flat_row
from .event_filters import ActivityFilterSet
from .labels import action_label, actor_label, object_label, object_type_label
from .links import (
    FILTER_PARAMS,
    backoffice_breadcrumbs,
    drill_down_query,
    edit_urls,
    object_history_url,
    user_activity_url,
    with_query,
)
from .rankings import EVENT_FILTERS
from .readable import DiffReader, readable_lines


#: The fields of the daily rollups (and of the events) that ``EVENT_FILTERS`` narrow.
ROLLUP_FIELDS = ("object_type", "action", "user_id")


class DiffColumn(Column):
    """What an event changed, one readable line per field (``readable``)."""

    cell_template_name = "wagtail_tracking/reports/components/diff_cell.html"

    def get_value(self, instance: ActivityEvent) -> list[str]:
        lines = getattr(instance, "readable_diff", None)
        return lines if lines is not None else readable_lines(instance)


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

    @cached_property
    def drill_down_query(self) -> str:
        """Links from a row keep this list's period (or all dates) and filters."""
        return drill_down_query(self.request, self.period if self.has_period else None)

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["show_period"] = self.has_period
        context["all_dates"] = not self.has_period
        # Read by the "Edit" column when the table renders: the page's objects in a few queries.
        self.edit_urls = edit_urls(self.request.user, context.get("object_list") or ())
        return context

    def edit_url(self, event: ActivityEvent) -> str | None:
        return getattr(self, "edit_urls", {}).get((event.content_type_id, event.object_id))

    #: Columns a drill-down leaves out because they repeat its subject ("user", "object").
    subject_columns: tuple[str, ...] = ()

    @cached_property
    def columns(self) -> list[Column]:
        return [c for c in self.all_columns() if c.name not in self.subject_columns]

    def breadcrumbs_query(self) -> str:
        """The period and filters, for the breadcrumbs back to the dashboard and lists."""
        return drill_down_query(self.request, self.period if self.has_period else None)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *backoffice_breadcrumbs(self.breadcrumbs_query(), self.parent_list()),
            {"url": "", "label": self.get_page_title()},
        ]

    def parent_list(self) -> tuple[str, str | Promise] | None:
        """(URL name, label) of the list this one drills down from, if any."""
        return None

    def all_columns(self) -> list[Column]:
        """When, who, what action on which object, what changed, and the link to inspect it."""
        return [
            DateColumn("timestamp", label=_("When"), sort_key="timestamp"),
            LinkColumn(
                "user_name",
                label=pgettext_lazy("analytics report", "User"),
                sort_key="user_name",
                accessor=actor_label,
                get_url=lambda event: (
                    user_activity_url(event.user_id, self.drill_down_query)
                    if event.user_id
                    else None
                ),
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
                    object_history_url(
                        event.content_type_id, event.object_id, self.drill_down_query
                    )
                    if event.object_id
                    else None
                ),
                accessor=object_label,
            ),
            Column(
                "object_type",
                label=_("Object type"),
                accessor=lambda event: object_type_label(event.object_type),
            ),
            DiffColumn("diff", label=pgettext_lazy("analytics report", "Changes")),
            *self.link_columns(),
        ]

    def link_columns(self) -> list[Column]:
        """The object's own edit view (when it exists and the user may edit it), and the event."""
        return [
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
                get_url=lambda event: with_query(
                    reverse("wagtail_tracking_analytics:backoffice_event", args=[event.pk]),
                    self.inspect_query,
                ),
            ),
        ]

    @cached_property
    def inspect_query(self) -> str:
        """The list's filters, for the inspect view's way back."""
        return filter_query_string(self.request, FILTER_PARAMS)

    # --- counting the pages ----------------------------------------------------------------------
    # Without a search the pages are counted from the daily rollups, which carry the site, object
    # type, action and user: counting ten million rows (or one user's million) would take longer
    # than showing the first fifty.

    def rollup_subject(self) -> Q | None:
        """The list's own events as a condition on the daily rollups; None: count the events."""
        return Q()

    def get_paginator(self, *args: Any, **kwargs: Any) -> Paginator[Any]:
        paginator: Paginator[Any] = super().get_paginator(*args, **kwargs)
        count = self.counted_from_rollups()
        if count is not None:
            paginator.count = count  # Paginator.count is a cached property
        return paginator

    def counted_from_rollups(self) -> int | None:
        subject = self.rollup_subject()
        if subject is None or self.is_searching:
            return None
        data = getattr(self.filters.form, "cleaned_data", {}) if self.filters else {}
        conditions = [subject]
        for name, field in zip(EVENT_FILTERS, ROLLUP_FIELDS, strict=True):
            if data.get(name):
                conditions.append(Q(**{field: getattr(data[name], "pk", data[name])}))
        if self.has_period:
            first, last = self.period.start, self.period.end
        else:
            first_day = earliest_event_day()
            if first_day is None:
                return 0
            first, last = first_day, timezone.now().astimezone(site_time_zone()).date()
        site = data.get("site")
        return count_events(first, last, site.pk if site else None, *conditions)

    def decorate_paginated_queryset(self, object_list: Any) -> list[ActivityEvent]:
        events = list(object_list)
        reader = DiffReader(events)  # one look-up per related model for the whole page
        for event in events:
            event.readable_diff = reader.lines(event)
        return events

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
