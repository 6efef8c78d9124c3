"""The "Usage" report: a figure, a chart series, a top table and a "Show more" list for each kind
of usage (``usage.kinds.KINDS``, which this module only reads), and the referring domains."""

from __future__ import annotations

import django_filters
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn

from wagtail_tracking.periods import buckets, grain, regroup
from wagtail_tracking.usage import queries
from wagtail_tracking.usage.kinds import KINDS, Objects, UsageKind, kind_choices
from wagtail_tracking.usage.models import Audience, UsageCount

from .charts import Series, TimeSeriesChart
from .figures import KeyFigure
from .filters import PERIOD_PARAMS, PeriodFilterSet, filter_query_string
from .views import (
    COMPARISON_FIELDS,
    COMPARISON_HEADINGS,
    AnalyticsReportView,
    RankedReportView,
    with_change,
)


TOP_ROWS = 10
FILTER_PARAMS = (*PERIOD_PARAMS, "site", "audience")
NAMESPACE = "wagtail_tracking_analytics"


class UsageFilterSet(PeriodFilterSet):
    audience = django_filters.ChoiceFilter(
        label=_("Audience"), choices=Audience.choices, empty_label=_("Everyone")
    )

    class Meta(PeriodFilterSet.Meta):
        model = UsageCount
        fields = []


class ReferrerFilterSet(UsageFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Counted"), choices=kind_choices(), empty_label=_("Everything")
    )


class UsageViewMixin:
    filterset_class = UsageFilterSet

    def usage_rows(self):
        return self.filter_queryset(UsageCount.objects.all())

    def filter_query_string(self) -> str:
        return filter_query_string(self.request, FILTER_PARAMS)


def title_subquery(objects: Objects) -> Subquery:
    """The title of the counted object, None once it is deleted."""
    manager = objects.get_model()._default_manager
    return Subquery(manager.filter(pk=OuterRef("object_id")).values("title")[:1])


def label_field(kind: UsageKind) -> str:
    """The row field naming what a kind's list ranks."""
    return "title" if kind.objects else "endpoint"


def ranked_rows(kind: UsageKind, rows, period):
    """The kind's objects (with their titles) or endpoints, most used first."""
    if kind.objects is None:
        return queries.top_endpoints(rows, period, kind.value)
    return queries.top_objects(rows, period, kind.value).annotate(
        title=title_subquery(kind.objects)
    )


def with_object_links(rows, objects: Objects) -> list[dict]:
    """Ranked object rows with their change, an edit link, and a title for deleted objects."""
    rows = with_change(rows)
    for row in rows:
        if row.get("title") is None:
            row["title"] = objects.deleted_label % {"id": row["object_id"]}
            row["edit_url"] = ""
        else:
            row["edit_url"] = reverse(objects.edit_url_name, args=[row["object_id"]])
    return rows


def finish_rows(kind: UsageKind, rows) -> list[dict]:
    """What a page of ranked rows shows beyond the counts: the change, and links to objects."""
    return with_object_links(rows, kind.objects) if kind.objects else with_change(rows)


def top_table(title, label_heading, rows, label_key: str, url_name: str, query: str) -> dict:
    """A dashboard table of ``top_table.html``, with its "Show more" link keeping the filters."""
    url = reverse(url_name)
    return {
        "title": title,
        "label_heading": label_heading,
        "rows": [{**row, "label": row[label_key]} for row in rows],
        "show_more_url": f"{url}?{query}" if query else url,
    }


class UsageReportView(UsageViewMixin, AnalyticsReportView):
    """Key figures, daily chart and top tables for the period; exports the daily figures."""

    page_title = pgettext_lazy("analytics report", "Usage")
    template_name = "wagtail_tracking/reports/usage.html"
    results_template_name = "wagtail_tracking/reports/usage_results.html"
    index_url_name = f"{NAMESPACE}:usage"
    index_results_url_name = f"{NAMESPACE}:usage_results"
    paginate_by = None
    show_results_count = False
    export_filename = "usage"
    list_export = ["day", *(kind.value for kind in KINDS)]
    export_headings = {"day": _("Day"), **{kind.value: kind.plural for kind in KINDS}}

    def get_filtered_queryset(self):
        return self.daily_rows

    @cached_property
    def daily(self):
        return queries.daily_by_kind(self.usage_rows(), self.period)

    @cached_property
    def daily_rows(self):
        return [
            {"day": day, **{kind.value: self.daily[kind.value][i] for kind in KINDS}}
            for i, day in enumerate(self.period.each_day())
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = self.usage_rows()
        totals = queries.totals_by_kind(rows, self.period)
        context["figures"] = [KeyFigure(str(kind.plural), *totals[kind.value]) for kind in KINDS]
        titles = {"day": _("Daily usage"), "week": _("Weekly usage"), "month": _("Monthly usage")}
        context["chart"] = TimeSeriesChart(
            chart_id="wt-usage-daily",
            title=str(titles[grain(self.period)]),
            days=buckets(self.period),  # by week or month over long periods
            series=[
                Series(kind.value, str(kind.plural), regroup(self.daily[kind.value], self.period))
                for kind in KINDS
            ],
        )
        context["tables"] = self.top_tables(rows)
        return context

    def top_tables(self, rows) -> list[dict]:
        """A table per kind, then the referring domains of every kind."""
        query = self.filter_query_string()
        tables = [
            top_table(
                kind.listing.top_title,
                kind.listing.heading,
                finish_rows(kind, ranked_rows(kind, rows, self.period)[:TOP_ROWS]),
                label_field(kind),
                f"{NAMESPACE}:{kind.listing.url_name}",
                query,
            )
            for kind in KINDS
        ]
        referrers = with_change(queries.top_referrers(rows, self.period)[:TOP_ROWS])
        tables.append(
            top_table(
                _("Top referring domains"),
                _("Domain"),
                referrers,
                "referrer",
                f"{NAMESPACE}:usage_referrers",
                query,
            )
        )
        return tables


class RankedUsageView(UsageViewMixin, RankedReportView):
    """A ranked list of usage: filters, sorting, pagination and export."""

    back_url_name = f"{NAMESPACE}:usage"
    label_field = ""
    label_heading = ""
    id_heading = ""

    def get_base_queryset(self):
        return self.ranked(self.filter_queryset(UsageCount.objects.all())).order_by()

    def decorate_paginated_queryset(self, object_list):
        return with_change(object_list)

    def row_columns(self):
        return [self.label_column()]

    def label_column(self):
        return Column(self.label_field, label=self.label_heading, sort_key=self.label_field)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["filter_query"] = self.filter_query_string()
        return context

    @property
    def export_headings(self):
        return {
            "object_id": self.id_heading,
            self.label_field: self.label_heading,
            **COMPARISON_HEADINGS,
        }


class KindUsageView(RankedUsageView):
    """The complete list of one kind's objects or endpoints; ``listing_view`` makes one per kind."""

    kind: UsageKind

    def ranked(self, rows):
        return ranked_rows(self.kind, rows, self.period)

    def decorate_paginated_queryset(self, object_list):
        return finish_rows(self.kind, object_list)


class ObjectUsageView(KindUsageView):
    label_field = "title"
    is_searchable = True
    search_fields = ["title"]
    list_export = ["object_id", "title", *COMPARISON_FIELDS]

    def label_column(self):
        return TitleColumn(
            "title",
            label=self.label_heading,
            sort_key="title",
            get_url=lambda row: row["edit_url"],
        )


class EndpointUsageView(KindUsageView):
    label_field = "endpoint"
    list_export = ["endpoint", *COMPARISON_FIELDS]


def listing_view(kind: UsageKind) -> type[KindUsageView]:
    """The "Show more" view of ``kind``, as its ``Listing`` describes it."""
    listing = kind.listing
    return type(
        f"{kind.value.title()}UsageView",
        (ObjectUsageView if kind.objects else EndpointUsageView,),
        {
            "__module__": __name__,
            "kind": kind,
            "page_title": listing.title,
            "label_heading": listing.heading,
            "id_heading": listing.id_heading,
            "index_url_name": f"{NAMESPACE}:{listing.url_name}",
            "index_results_url_name": f"{NAMESPACE}:{listing.url_name}_results",
            "export_filename": listing.export_filename,
        },
    )


#: The "Show more" view of every kind, for the URL configuration.
LISTING_VIEWS: dict[UsageKind, type[KindUsageView]] = {kind: listing_view(kind) for kind in KINDS}


class ReferrerUsageView(RankedUsageView):
    page_title = _("Referring domains")
    filterset_class = ReferrerFilterSet
    label_field = "referrer"
    label_heading = _("Referring domain")
    index_url_name = f"{NAMESPACE}:usage_referrers"
    index_results_url_name = f"{NAMESPACE}:usage_referrers_results"
    export_filename = "usage-referrers"
    list_export = ["referrer", *COMPARISON_FIELDS]
    is_searchable = True
    search_fields = ["referrer"]

    def ranked(self, rows):
        return queries.top_referrers(rows, self.period)
