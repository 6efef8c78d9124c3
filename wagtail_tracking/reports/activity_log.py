"""The activity log as source data: listings of events, an inspect view, streamed exports.

Built on Wagtail's ``ReportView`` rather than wagtail-modeladmin: the listings then share the
analytics reports' permission check, period filter, AJAX-refreshed results and formula-safe
exports, and modeladmin's index view cannot stream an export of a million rows.
"""

from __future__ import annotations

import json
import tempfile

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from wagtail_tracking.activity import queries
from wagtail_tracking.activity.models import ActivityEvent

from .backoffice import (
    ActivityFilterSet,
    action_label,
    filter_query_string,
    object_type_label,
    object_url,
    user_url,
    with_query,
)
from .columns import LinkColumn
from .spreadsheet import neutralise_formula
from .views import AnalyticsPermissionMixin, AnalyticsReportView


# The activity log dataset, in the README's order; exports use these names as headings.
DATASET_FIELDS = [
    "id",
    "timestamp",
    "last_timestamp",
    "site_id",
    "user_id",
    "user_name",
    "object_type",
    "content_type",
    "object_id",
    "object_title",
    "page_id",
    "action",
    "affected_user_id",
    "affected_username",
    "group_id",
    "diff",
    "revision_id",
    "source",
    "log_entry_model",
    "log_entry_id",
    "uuid",
    "repeat_count",
]
EXPORT_CHUNK_SIZE = 2000
PERIOD_PARAMS = ("period", "date_from", "date_to")


def describe_diff(diff) -> list[str]:
    """Readable lines for a stored diff: ``field: old → new`` and ``groups: +Editors −Moderators``."""
    if not isinstance(diff, dict):
        return []
    lines = []
    for field, values in (diff.get("changed") or {}).items():
        if isinstance(values, list | tuple) and len(values) == 2:
            lines.append(f"{field}: {_short(values[0])} → {_short(values[1])}")
        else:
            lines.append(f"{field}: {_short(values)}")
    for key, value in diff.items():
        if key == "changed":
            continue
        if isinstance(value, dict):
            added = ", ".join(_short(item) for item in value.get("added") or ())
            removed = ", ".join(_short(item) for item in value.get("removed") or ())
            parts = [f"+ {added}" if added else "", f"− {removed}" if removed else ""]
            lines.append(f"{key}: " + " ".join(part for part in parts if part))
        else:
            lines.append(f"{key}: {_short(value)}")
    return lines


def _short(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return "∅" if value in (None, "") else str(value)


def actor_label(event) -> str:
    """Who acted: the user's name, or what acted when no user did."""
    if event.user_name:
        return event.user_name
    if event.source == ActivityEvent.Source.SYSTEM:
        return str(_("System"))
    return str(_("Unknown user"))


class DiffColumn(Column):
    cell_template_name = "wagtail_tracking/reports/components/diff_cell.html"

    def get_value(self, instance):
        return describe_diff(instance.diff)


class EventListView(AnalyticsReportView):
    """Events, newest first, with every filter; all time unless a period is chosen."""

    filterset_class = ActivityFilterSet
    results_template_name = "wagtail_tracking/reports/events_results.html"
    template_name = "wagtail_tracking/reports/usage.html"
    default_ordering = "-timestamp"
    is_searchable = True
    search_fields = ["object_title", "user_name", "affected_username", "action"]
    list_export = DATASET_FIELDS
    export_headings = {field: field for field in DATASET_FIELDS}
    paginate_by = 50

    @property
    def has_period(self) -> bool:
        return any(self.request.GET.get(param) for param in PERIOD_PARAMS)

    def events(self):
        return ActivityEvent.objects.all()

    def get_base_queryset(self):
        return self.events()

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": self.search_query})
        return queryset.filter(condition)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.has_period:
            queryset = queries.in_period(queryset, self.period)
        return queryset

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["show_period"] = self.has_period
        return context

    @cached_property
    def columns(self):
        return [
            DateColumn("timestamp", label=_("When"), sort_key="timestamp"),
            LinkColumn(
                "user_name",
                label=_("User"),
                sort_key="user_name",
                accessor=actor_label,
                get_url=lambda event: user_url(event.user_id) if event.user_id else None,
            ),
            Column("action", label=_("Action"), accessor=lambda e: action_label(e.action)),
            TitleColumn(
                "object_title",
                label=_("Object"),
                sort_key="object_title",
                get_url=lambda event: (
                    object_url(event.content_type_id, event.object_id) if event.object_id else None
                ),
                accessor=lambda e: e.object_title or e.object_id,
            ),
            Column(
                "object_type",
                label=_("Object type"),
                accessor=lambda e: object_type_label(e.object_type),
            ),
            DiffColumn("diff", label=_("Changes")),
            LinkColumn(
                "inspect",
                label=_("Event"),
                accessor=lambda e: _("Inspect"),
                get_url=lambda event: reverse(
                    "wagtail_tracking_analytics:backoffice_event", args=[event.pk]
                ),
            ),
        ]

    # --- exports: streamed from a server-side cursor, whatever the number of rows -------------

    FORMATS = ("csv", "xlsx", "json")

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Download JSON"),
                url=self.get_export_url("json"),
                icon_name="download",
                priority=92,
            ),
        ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = request.GET.get("export") in self.FORMATS

    def get(self, request, *args, **kwargs):
        if self.is_export:
            # Straight to the export: building the listing's context would load every row.
            self.object_list = self.get_filtered_queryset()
            return self.as_spreadsheet(self.object_list, request.GET["export"])
        return super().get(request, *args, **kwargs)

    def export_rows(self, queryset):
        content_types = {}
        rows = queryset.order_by("-timestamp", "-pk").values(
            *(("content_type_id" if f == "content_type" else f) for f in DATASET_FIELDS)
        )
        for row in rows.iterator(chunk_size=EXPORT_CHUNK_SIZE):
            type_id = row.pop("content_type_id")
            if type_id not in content_types:
                content_type = ContentType.objects.filter(pk=type_id).first() if type_id else None
                content_types[type_id] = (
                    f"{content_type.app_label}.{content_type.model}" if content_type else ""
                )
            row["content_type"] = content_types[type_id]
            yield {field: row[field] for field in DATASET_FIELDS}

    def preprocess_field_value(self, field, value, export_format):
        # The common cells, without Wagtail's per-cell lookups: a large export's hot path.
        if value is None:
            return ""
        if isinstance(value, str):
            return neutralise_formula(value)
        if isinstance(value, int):
            return value
        return super().preprocess_field_value(field, value, export_format)

    def to_row_dict(self, item):
        if isinstance(item.get("diff"), dict | list):
            item = {**item, "diff": json.dumps(item["diff"], cls=DjangoJSONEncoder)}
        return item

    def as_spreadsheet(self, queryset, spreadsheet_format):
        queryset = self.object_list  # the filtered queryset, not the paginated list
        if spreadsheet_format == "json":
            response = StreamingHttpResponse(self.stream_json(queryset), "application/json")
            response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.json"'
            return response
        if spreadsheet_format == "xlsx":
            return self.write_xlsx_file_response(queryset)
        return self.write_csv_response(self.export_rows(queryset))

    def stream_json(self, queryset):
        yield "[\n"
        first = True
        for row in self.export_rows(queryset):
            yield ("" if first else ",\n") + json.dumps(row, cls=DjangoJSONEncoder)
            first = False
        yield "\n]\n"

    def get_heading(self, queryset, field):
        return field

    def write_xlsx_file_response(self, queryset):
        """Wagtail's write-only workbook, saved to a temporary file rather than to memory."""
        # Closed by the response once sent, which deletes it.
        output = tempfile.TemporaryFile()  # noqa: SIM115
        self.write_xlsx(self.export_rows(queryset), output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=f"{self.get_filename()}.xlsx",
        )


class SourceDataView(EventListView):
    page_title = _("Activity log")
    index_url_name = "wagtail_tracking_analytics:backoffice_events"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_events_results"
    export_filename = "activity-log"


class UserActivityView(EventListView):
    """Every action one user took, on which objects."""

    export_filename = "activity-log-user"
    index_url_name = "wagtail_tracking_analytics:backoffice_user"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_user_results"

    def events(self):
        return ActivityEvent.objects.filter(user_id=self.kwargs["user_id"])

    @cached_property
    def user_name(self):
        name = (
            ActivityEvent.objects.filter(user_id=self.kwargs["user_id"])
            .order_by("-timestamp")
            .values_list("user_name", flat=True)
            .first()
        )
        if name is None:
            raise Http404
        return name or _("User #%(id)s") % {"id": self.kwargs["user_id"]}

    def get_page_title(self):
        return _("Actions by %(user)s") % {"user": self.user_name}

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.kwargs["user_id"]])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.kwargs["user_id"]])


class ObjectHistoryView(EventListView):
    """Every action on one object, by whom, with what changed."""

    export_filename = "activity-log-object"
    index_url_name = "wagtail_tracking_analytics:backoffice_object"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_object_results"

    def events(self):
        type_id = self.kwargs["content_type_id"] or None
        return ActivityEvent.objects.filter(
            content_type_id=type_id, object_id=self.kwargs["object_id"]
        )

    @cached_property
    def latest_event(self):
        event = self.events().order_by("-timestamp").first()
        if event is None:
            raise Http404
        return event

    def get_page_title(self):
        event = self.latest_event
        title = event.object_title or f"#{event.object_id}"
        return _("History of %(object)s") % {"object": title}

    def get_page_subtitle(self):
        return object_type_label(self.latest_event.object_type)

    def object_args(self):
        return [self.kwargs["content_type_id"], self.kwargs["object_id"]]

    def get_index_url(self):
        return reverse(self.index_url_name, args=self.object_args())

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=self.object_args())


class EventInspectView(AnalyticsPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every field of one event, as stored."""

    template_name = "wagtail_tracking/reports/event_inspect.html"
    header_icon = "wagtail-tracking-chart"

    def get_page_title(self):
        return _("Activity event")

    @cached_property
    def event(self):
        return get_object_or_404(ActivityEvent, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return f"#{self.event.pk}"

    def get_breadcrumbs_items(self):
        return [
            {
                "url": reverse("wagtail_tracking_analytics:backoffice"),
                "label": _("Back office"),
            },
            {
                "url": reverse("wagtail_tracking_analytics:backoffice_events"),
                "label": _("Activity log"),
            },
            {"url": "", "label": f"#{self.event.pk}"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        fields = []
        for field in DATASET_FIELDS:
            if field == "content_type":
                value = event.content_type_id and ContentType.objects.get_for_id(
                    event.content_type_id
                )
            elif field == "diff":
                value = json.dumps(event.diff, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
            else:
                value = getattr(event, field)
            model_field = ActivityEvent._meta.get_field(field)
            fields.append((field, model_field.verbose_name, value))
        context["fields"] = fields
        context["event"] = event
        context["action_label"] = action_label(event.action)
        context["diff_lines"] = describe_diff(event.diff)
        context["user_url"] = user_url(event.user_id) if event.user_id else ""
        context["object_url"] = (
            object_url(event.content_type_id, event.object_id) if event.object_id else ""
        )
        context["listing_url"] = with_query(
            reverse("wagtail_tracking_analytics:backoffice_events"),
            filter_query_string(self.request),
        )
        return context
