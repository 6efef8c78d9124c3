"""The "Consent" report: what visitors answer the banner, per day and per tool, and the
measurement gap (first-party page views next to what a tool needing consent could see).

Reads the consent statistics (``consent.insights``, anonymous counters) and the usage metrics'
page views; the receipts are not shown here (``reports.receipts``, another permission).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_tracking.consent.insights import queries
from wagtail_tracking.consent.insights.models import ConsentCount, ConsentEvent
from wagtail_tracking.providers import get_providers
from wagtail_tracking.usage import queries as usage_queries
from wagtail_tracking.usage.models import UsageCount

from .charts import Series, TimeSeriesChart
from .figures import KeyFigure
from .filters import PeriodFilterSet
from .views import AnalyticsReportView


NAMESPACE = "wagtail_tracking_analytics"
PAGE_KIND = "page"


class ConsentFilterSet(PeriodFilterSet):
    class Meta(PeriodFilterSet.Meta):
        model = ConsentCount
        fields = []


def tool_name(slug: str) -> str:
    provider = get_providers().get(slug)
    return str(provider.name) if provider is not None else slug


class ConsentReportView(AnalyticsReportView):
    """Key figures, the daily chart, acceptance and measurement gap per tool; exports the days."""

    page_title = pgettext_lazy("analytics report", "Consent")
    template_name = "wagtail_tracking/reports/usage.html"
    results_template_name = "wagtail_tracking/reports/consent_results.html"
    index_url_name = f"{NAMESPACE}:consent"
    index_results_url_name = f"{NAMESPACE}:consent_results"
    filterset_class = ConsentFilterSet
    paginate_by = None
    show_results_count = False
    export_filename = "consent"
    list_export = ["day", *(event.value for event in queries.DAILY_EVENTS)]
    export_headings = {
        "day": _("Day"),
        **{event.value: event.label for event in queries.DAILY_EVENTS},
    }

    def consent_rows(self) -> QuerySet[ConsentCount]:
        return self.filter_queryset(ConsentCount.objects.all())

    def get_filtered_queryset(self):
        return self.daily_rows

    @cached_property
    def daily(self) -> dict[str, list[int]]:
        return queries.daily(self.consent_rows(), self.period)

    @cached_property
    def daily_rows(self) -> list[dict]:
        return [
            {"day": day, **{e.value: self.daily[e.value][i] for e in queries.DAILY_EVENTS}}
            for i, day in enumerate(self.period.each_day())
        ]

    def page_views(self) -> tuple[int, int]:
        rows = self.filter_queryset(UsageCount.objects.all())
        return usage_queries.totals_by_kind(rows, self.period).get(PAGE_KIND, (0, 0))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = self.consent_rows()
        totals = queries.totals(rows, self.period)
        context["figures"] = [
            KeyFigure(str(event.label), *totals[event.value]) for event in queries.DAILY_EVENTS
        ]
        context["chart"] = TimeSeriesChart(
            chart_id="wt-consent-daily",
            title=str(_("Banner answers per day")),
            days=list(self.period.each_day()),
            series=[
                Series(e.value, str(e.label), self.daily[e.value]) for e in queries.DAILY_EVENTS
            ],
        )
        context["page_views"] = self.page_views()[0]
        context["tools"] = self.tool_rows(rows, context["page_views"])
        context["closed"] = totals[ConsentEvent.CLOSED.value][0]
        context["signals"] = totals[ConsentEvent.SIGNAL.value][0]
        context["changes"] = totals[ConsentEvent.CHANGED.value][0]
        return context

    def tool_rows(self, rows, page_views: int) -> list[dict]:
        result = []
        for rate in queries.tool_rates(rows, self.period):
            share = rate.seen_share
            result.append(
                {
                    "name": tool_name(rate.tool),
                    "accepted": rate.accepted,
                    "refused": rate.refused,
                    "rate": rate.rate,
                    "seen_percent": None if share is None else round(share * 100),
                    "seen_views": None if share is None else round(page_views * share),
                }
            )
        return result
