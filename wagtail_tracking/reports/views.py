"""Permission-checked report views with the period filter and formula-safe exports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext_lazy
from django.views import View
from wagtail.admin.auth import permission_denied
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from wagtail_tracking.periods import Period

from .access import user_can_browse_analytics
from .charts import CHART_MEDIA
from .columns import NumberColumn
from .figures import Change, percent_change
from .filters import PeriodFilterSet
from .presets import default_period
from .spreadsheet import FormulaSafeExportMixin


class AnalyticsPermissionMixin(View):
    """Only users with "Browse analytics" get in; others get Wagtail's permission-denied.

    Anonymous users never get this far: admin URLs send them to the login page.
    """

    def has_permission(self, user: Any) -> bool:
        """The permission the view needs; the receipts ask for their own."""
        return user_can_browse_analytics(user)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not self.has_permission(request.user):
            response: HttpResponseBase = permission_denied(request)
            return response
        return super().dispatch(request, *args, **kwargs)


class AnalyticsReportView(AnalyticsPermissionMixin, FormulaSafeExportMixin, ReportView):
    """Base of every analytics report: permission, period filter, safe CSV/XLSX export.

    ``self.period`` is the period asked for, or the default two weeks when the dates are
    invalid; the filter form then carries the error, shown above the results.
    """

    filterset_class = PeriodFilterSet
    header_icon = "wagtail-tracking-chart"
    #: False on dashboards: Wagtail's "There are N matches" would count the days behind the export.
    show_results_count = True

    @cached_property
    def period(self) -> Period:
        return self.filters.get_period() if self.filters else default_period()

    @cached_property
    def period_errors(self) -> list[str]:
        if not self.filters or self.filters.is_valid():
            return []
        return [str(error) for errors in self.filters.form.errors.values() for error in errors]

    def filter_queryset(self, queryset: QuerySet[Any, Any]) -> QuerySet[Any, Any]:
        # Unlike Wagtail's listings, an invalid field (bad dates) does not switch off the
        # other filters: each valid one still applies, and the period falls back to its default.
        if self.filters:
            self.filters.is_valid()
            queryset = self.filters.filter_queryset(queryset)
        return queryset

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(*args, **kwargs)
        context["period"] = self.period
        context["previous_period"] = self.period.previous()
        context["period_errors"] = self.period_errors
        context["media"] = context.get("media", forms.Media()) + CHART_MEDIA
        if not self.show_results_count:
            # Wagtail's listing_results.html shows the count only when searching or filtering;
            # the active filters and the filter form are read from the view, not from these.
            context["is_searching"] = context["is_filtering"] = False
        return context


class ChangeColumn(Column):
    """Δ% against the previous period, as ``figures.percent_change`` defines it."""

    cell_template_name = "wagtail_tracking/reports/components/change_cell.html"

    def get_value(self, instance: Mapping[str, Any]) -> Change:
        return instance.get("change")

    def get_cell_context_data(
        self, instance: Mapping[str, Any], parent_context: Mapping[str, Any]
    ) -> dict[str, Any]:
        # Wagtail 7.0's Column gives the template no raw value; the template needs the number.
        return {
            **super().get_cell_context_data(instance, parent_context),
            "change": self.get_value(instance),
        }


def with_change(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add ``change`` (Δ%) to rows carrying ``total`` and ``previous`` (None counts as 0)."""
    rows = list(rows)
    for row in rows:
        row["change"] = percent_change(row["total"], row["previous"] or 0)
        row["previous"] = row["previous"] or 0
    return rows


CHANGE_HEADING = _("Change (%)")

# The three columns every ranked list ends with, and their export headings.
COMPARISON_FIELDS = ["total", "previous", "change"]
COMPARISON_HEADINGS = {
    "total": _("This period"),
    "previous": _("Previous period"),
    "change": CHANGE_HEADING,
}


def comparison_columns() -> list[Column]:
    return [
        NumberColumn("total", label=COMPARISON_HEADINGS["total"], sort_key="total"),
        NumberColumn("previous", label=COMPARISON_HEADINGS["previous"], sort_key="previous"),
        ChangeColumn("change", label=CHANGE_HEADING),
    ]


class CountedPaginator(WagtailPaginator):
    """Counts what the list shows ("8 pages"), not the rows of the model behind it."""

    count_label: Any = None

    @cached_property
    def items_count_label(self) -> str:
        if self.count_label is None:
            return str(super().items_count_label)
        return str(self.count_label % {"count": self.count})


#: A ranked list's rows when it does not name them.
ROWS_COUNT_LABEL = npgettext_lazy("analytics count", "%(count)s row", "%(count)s rows", "count")


class RankedReportView(AnalyticsReportView):
    """A complete "Show more" list: rows ranked by this period's total, then the previous period's
    total and the change, with a link back to the report it came from.

    A list gives its rows' own columns (``row_columns()``), how the filtered rows are grouped into
    ranked ones (``get_base_queryset()``) and the report it belongs to (``back_url_name``).
    """

    default_ordering = "-total"
    results_template_name = "wagtail_tracking/reports/ranked_results.html"
    back_url_name = ""
    paginator_class = CountedPaginator
    #: What the pagination counts, with ``%(count)s`` (``npgettext_lazy(…, "count")``).
    count_label: Any = ROWS_COUNT_LABEL

    def get_paginator(self, *args: Any, **kwargs: Any) -> CountedPaginator:
        paginator: CountedPaginator = super().get_paginator(*args, **kwargs)
        paginator.count_label = self.count_label
        return paginator

    @cached_property
    def columns(self) -> list[Column]:
        return [*self.row_columns(), *comparison_columns()]

    def row_columns(self) -> list[Column]:
        raise NotImplementedError

    def filter_queryset(self, queryset: QuerySet[Any, Any]) -> QuerySet[Any, Any]:
        # get_queryset() calls this again on the grouped rows: the filters already applied.
        if not queryset.query.group_by:
            return super().filter_queryset(queryset)
        return queryset

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["back_url"] = reverse(self.back_url_name)
        return context
