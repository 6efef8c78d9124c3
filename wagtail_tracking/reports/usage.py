"""The "Usage" report: page views, downloads and API calls, with their "Show more" listings."""

from __future__ import annotations

import django_filters
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.documents import get_document_model

from wagtail_tracking.compat import get_page_model
from wagtail_tracking.usage import queries
from wagtail_tracking.usage.models import Audience, UsageCount, UsageKind

from .charts import Series, TimeSeriesChart
from .figures import KeyFigure
from .filters import PeriodFilterSet
from .views import (
    COMPARISON_FIELDS,
    COMPARISON_HEADINGS,
    AnalyticsReportView,
    comparison_columns,
    with_change,
)


TOP_ROWS = 10
FILTER_PARAMS = ("period", "date_from", "date_to", "site", "audience")

KIND_LABELS = {
    UsageKind.PAGE: _("Page views"),
    UsageKind.DOCUMENT: _("Downloads"),
    UsageKind.API: _("API calls"),
}


class UsageFilterSet(PeriodFilterSet):
    audience = django_filters.ChoiceFilter(
        label=_("Audience"), choices=Audience.choices, empty_label=_("Everyone")
    )

    class Meta(PeriodFilterSet.Meta):
        model = UsageCount
        fields = []


class ReferrerFilterSet(UsageFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Counted"), choices=UsageKind.choices, empty_label=_("Everything")
    )


class UsageViewMixin:
    filterset_class = UsageFilterSet

    def usage_rows(self):
        return self.filter_queryset(UsageCount.objects.all())

    def filter_query_string(self) -> str:
        params = [(k, v) for k, v in self.request.GET.items() if k in FILTER_PARAMS and v]
        return urlencode(params)


def page_title_subquery():
    Page = get_page_model()
    return Subquery(Page.objects.filter(pk=OuterRef("object_id")).values("title")[:1])


def document_title_subquery():
    return Subquery(
        get_document_model().objects.filter(pk=OuterRef("object_id")).values("title")[:1]
    )


def deleted_label(kind: str, object_id: int) -> str:
    if kind == UsageKind.PAGE:
        return _("Deleted page #%(id)s") % {"id": object_id}
    return _("Deleted document #%(id)s") % {"id": object_id}


def decorate_objects(rows, kind: str):
    rows = with_change(rows)
    edit_url_name = "wagtailadmin_pages:edit" if kind == UsageKind.PAGE else "wagtaildocs:edit"
    for row in rows:
        if row.get("title") is None:
            row["title"] = deleted_label(kind, row["object_id"])
            row["edit_url"] = ""
        else:
            row["edit_url"] = reverse(edit_url_name, args=[row["object_id"]])
    return rows


class UsageReportView(UsageViewMixin, AnalyticsReportView):
    """Key figures, daily chart and top tables for the period; exports the daily figures."""

    page_title = _("Usage")
    template_name = "wagtail_tracking/reports/usage.html"
    results_template_name = "wagtail_tracking/reports/usage_results.html"
    index_url_name = "wagtail_tracking_analytics:usage"
    index_results_url_name = "wagtail_tracking_analytics:usage_results"
    paginate_by = None
    show_results_count = False
    export_filename = "usage"
    list_export = ["day", "page", "document", "api"]
    export_headings = {
        "day": _("Day"),
        "page": _("Page views"),
        "document": _("Downloads"),
        "api": _("API calls"),
    }

    def get_filtered_queryset(self):
        return self.daily_rows

    @cached_property
    def daily(self):
        return queries.daily_by_kind(self.usage_rows(), self.period)

    @cached_property
    def daily_rows(self):
        return [
            {"day": day, **{kind: self.daily[kind][i] for kind in queries.KINDS}}
            for i, day in enumerate(self.period.each_day())
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = self.usage_rows()
        query = self.filter_query_string()
        totals = queries.totals_by_kind(rows, self.period)
        context["figures"] = [
            KeyFigure(str(KIND_LABELS[kind]), *totals[kind]) for kind in queries.KINDS
        ]
        context["chart"] = TimeSeriesChart(
            chart_id="wt-usage-daily",
            title=str(_("Daily usage")),
            days=list(self.period.each_day()),
            series=[
                Series(kind, str(KIND_LABELS[kind]), self.daily[kind]) for kind in queries.KINDS
            ],
        )
        context["tables"] = [
            self.top_table(
                _("Top pages"),
                _("Page"),
                decorate_objects(
                    queries.top_objects(rows, self.period, UsageKind.PAGE).annotate(
                        title=page_title_subquery()
                    )[:TOP_ROWS],
                    UsageKind.PAGE,
                ),
                "title",
                "wagtail_tracking_analytics:usage_pages",
                query,
            ),
            self.top_table(
                _("Top documents"),
                _("Document"),
                decorate_objects(
                    queries.top_objects(rows, self.period, UsageKind.DOCUMENT).annotate(
                        title=document_title_subquery()
                    )[:TOP_ROWS],
                    UsageKind.DOCUMENT,
                ),
                "title",
                "wagtail_tracking_analytics:usage_documents",
                query,
            ),
            self.top_table(
                _("Top API endpoints"),
                _("Endpoint"),
                with_change(queries.top_endpoints(rows, self.period)[:TOP_ROWS]),
                "endpoint",
                "wagtail_tracking_analytics:usage_endpoints",
                query,
            ),
            self.top_table(
                _("Top referring domains"),
                _("Domain"),
                with_change(queries.top_referrers(rows, self.period)[:TOP_ROWS]),
                "referrer",
                "wagtail_tracking_analytics:usage_referrers",
                query,
            ),
        ]
        return context

    @staticmethod
    def top_table(title, label_heading, rows, label_key, url_name, query):
        url = reverse(url_name)
        return {
            "title": title,
            "label_heading": label_heading,
            "rows": [{**row, "label": row[label_key]} for row in rows],
            "show_more_url": f"{url}?{query}" if query else url,
        }


class RankedUsageView(UsageViewMixin, AnalyticsReportView):
    """A complete "Show more" list: filters, sorting, pagination and export."""

    default_ordering = "-total"
    results_template_name = "wagtail_tracking/reports/ranked_results.html"
    label_field = ""
    label_heading = ""
    id_heading = ""

    def get_base_queryset(self):
        return self.ranked(self.filter_queryset(UsageCount.objects.all())).order_by()

    def filter_queryset(self, queryset):
        # get_queryset() calls this again on the grouped rows: the filters already applied.
        if queryset.model is UsageCount and not queryset.query.group_by:
            return super().filter_queryset(queryset)
        return queryset

    def decorate_paginated_queryset(self, object_list):
        return with_change(object_list)

    @cached_property
    def columns(self):
        return [
            self.label_column(),
            *comparison_columns(),
        ]

    def label_column(self):
        return Column(self.label_field, label=self.label_heading, sort_key=self.label_field)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["back_url"] = reverse("wagtail_tracking_analytics:usage")
        context["filter_query"] = self.filter_query_string()
        return context

    @property
    def export_headings(self):
        return {
            "object_id": self.id_heading,
            self.label_field: self.label_heading,
            **COMPARISON_HEADINGS,
        }


class ObjectUsageView(RankedUsageView):
    kind = ""
    label_field = "title"
    is_searchable = True
    search_fields = ["title"]
    list_export = ["object_id", "title", *COMPARISON_FIELDS]

    def ranked(self, rows):
        return queries.top_objects(rows, self.period, self.kind).annotate(
            title=self.title_subquery()
        )

    def decorate_paginated_queryset(self, object_list):
        return decorate_objects(object_list, self.kind)

    def label_column(self):
        return TitleColumn(
            "title",
            label=self.label_heading,
            sort_key="title",
            get_url=lambda row: row["edit_url"],
        )


class PageUsageView(ObjectUsageView):
    page_title = _("Page views by page")
    kind = UsageKind.PAGE
    label_heading = _("Page")
    id_heading = _("Page ID")
    index_url_name = "wagtail_tracking_analytics:usage_pages"
    index_results_url_name = "wagtail_tracking_analytics:usage_pages_results"
    export_filename = "usage-pages"

    @staticmethod
    def title_subquery():
        return page_title_subquery()


class DocumentUsageView(ObjectUsageView):
    page_title = _("Downloads by document")
    kind = UsageKind.DOCUMENT
    label_heading = _("Document")
    id_heading = _("Document ID")
    index_url_name = "wagtail_tracking_analytics:usage_documents"
    index_results_url_name = "wagtail_tracking_analytics:usage_documents_results"
    export_filename = "usage-documents"

    @staticmethod
    def title_subquery():
        return document_title_subquery()


class EndpointUsageView(RankedUsageView):
    page_title = _("API calls by endpoint")
    label_field = "endpoint"
    label_heading = _("Endpoint")
    index_url_name = "wagtail_tracking_analytics:usage_endpoints"
    index_results_url_name = "wagtail_tracking_analytics:usage_endpoints_results"
    export_filename = "usage-api-endpoints"
    list_export = ["endpoint", *COMPARISON_FIELDS]

    def ranked(self, rows):
        return queries.top_endpoints(rows, self.period)


class ReferrerUsageView(RankedUsageView):
    page_title = _("Referring domains")
    filterset_class = ReferrerFilterSet
    label_field = "referrer"
    label_heading = _("Referring domain")
    index_url_name = "wagtail_tracking_analytics:usage_referrers"
    index_results_url_name = "wagtail_tracking_analytics:usage_referrers_results"
    export_filename = "usage-referrers"
    list_export = ["referrer", *COMPARISON_FIELDS]
    is_searchable = True
    search_fields = ["referrer"]

    def ranked(self, rows):
        return queries.top_referrers(rows, self.period)
