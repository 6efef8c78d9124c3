"""The "Back office" dashboard: how the admin is used, with links into the lists and the log."""

from __future__ import annotations

from typing import Any

from django.utils.dates import WEEKDAYS
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.widgets import Button

from wagtail_tracking.activity.summary import ActivitySummary
from wagtail_tracking.periods import buckets, grain, regroup
from wagtail_tracking.reports.charts import BarChart, Series, axis_date, short_date
from wagtail_tracking.reports.figures import KeyFigure
from wagtail_tracking.reports.views import AnalyticsReportView, with_change

from .event_filters import DashboardFilterSet
from .labels import action_label, object_type_label, with_user_names
from .links import activity_log_url, drill_down_query, filtered_url, user_activity_url
from .rankings import label_object_rows


TOP_ROWS = 5
# Stacked series beyond this are summed into "Other" (the data table still lists every type).
MAX_STACKED_SERIES = 7


def key_figures(summary: ActivitySummary) -> list[KeyFigure]:
    """Actions, active users, actions per user and objects modified, against the period before."""
    current, previous = summary.totals()

    def per_user(counts: dict[str, int]) -> int:
        return round(counts["actions"] / counts["users"]) if counts["users"] else 0

    return [
        KeyFigure(
            str(pgettext_lazy("analytics report", "Actions")),
            current["actions"],
            previous["actions"],
        ),
        KeyFigure(str(_("Active users")), current["users"], previous["users"]),
        KeyFigure(str(_("Actions per active user")), per_user(current), per_user(previous)),
        KeyFigure(str(_("Objects modified")), current["objects"], previous["objects"]),
    ]


def top_user_rows(summary: ActivitySummary, query: str = "") -> list[dict[str, Any]]:
    """The five most active users, each with their actions per action type."""
    rows = with_user_names(with_change(summary.top_users(TOP_ROWS)))
    for row in rows:
        row["edit_url"] = user_activity_url(row["user_id"], query)
        row["breakdown"] = [(action_label(action), count) for action, count in row["actions"]]
    return rows


class BackofficeReportView(AnalyticsReportView):
    """Key figures, three charts and the top-5 tables; exports the daily chart's numbers."""

    page_title = _("Back office")
    filterset_class = DashboardFilterSet
    template_name = "wagtail_tracking/reports/usage.html"
    results_template_name = "wagtail_tracking/reports/backoffice_results.html"
    index_url_name = "wagtail_tracking_analytics:backoffice"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_results"
    paginate_by = None
    show_results_count = False
    export_filename = "back-office"

    def get_filtered_queryset(self) -> list[dict[str, Any]]:
        return self.daily_rows

    @cached_property
    def summary(self) -> ActivitySummary:
        self.filters.is_valid()  # an invalid period still lets a valid site filter apply
        site = getattr(self.filters.form, "cleaned_data", {}).get("site")
        return ActivitySummary(self.period, site_id=site.pk if site else None)

    @cached_property
    def drill_down_query(self) -> str:
        return drill_down_query(self.request, self.period)

    @cached_property
    def daily(self) -> dict[str, list[int]]:
        return self.summary.daily_by_type()

    @cached_property
    def object_types(self) -> list[str]:
        """The object types acted on, most actions first."""
        return sorted(self.daily, key=lambda slug: -sum(self.daily[slug]))

    @cached_property
    def daily_rows(self) -> list[dict[str, Any]]:
        return [
            {"day": day, **{slug: self.daily[slug][i] for slug in self.object_types}}
            for i, day in enumerate(self.period.each_day())
        ]

    @property
    def list_export(self) -> list[str]:
        return ["day", *self.object_types]

    @property
    def export_headings(self) -> dict[str, str | Promise]:
        return {"day": _("Day"), **{slug: object_type_label(slug) for slug in self.object_types}}

    @cached_property
    def header_more_buttons(self) -> list[Button]:
        return [
            *super().header_more_buttons,
            Button(
                _("See source data"),
                url=activity_log_url(self.request, self.period),
                icon_name="list-ul",
                priority=10,
            ),
        ]

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["figures"] = key_figures(self.summary)
        context["preparing_before"] = self.summary.preparing_before
        context["charts"] = [self.daily_chart(), self.weekday_chart(), self.action_chart()]
        context["top_users"] = {
            "title": _("Top 5 users"),
            "rows": top_user_rows(self.summary, self.drill_down_query),
            "show_more_url": filtered_url(
                "wagtail_tracking_analytics:backoffice_users", self.request, self.period
            ),
        }
        context["tables"] = [
            self.top_object_table(
                _("Top 5 modified pages"),
                pgettext_lazy("analytics report", "Page"),
                "backoffice_pages",
                pages=True,
            ),
            self.top_object_table(
                _("Top 5 modified objects"), _("Object"), "backoffice_objects", pages=False
            ),
        ]
        context["source_data_url"] = activity_log_url(self.request, self.period)
        return context

    def top_object_table(
        self, title: Promise, label_heading: Promise, list_name: str, *, pages: bool
    ) -> dict[str, Any]:
        """The five most modified pages or other objects, with the link to the whole list."""
        return {
            "title": title,
            "label_heading": label_heading,
            "rows": label_object_rows(
                self.summary.top_objects(pages=pages, limit=TOP_ROWS), self.drill_down_query
            ),
            "show_more_url": filtered_url(
                f"wagtail_tracking_analytics:{list_name}", self.request, self.period
            ),
        }

    # --- charts ------------------------------------------------------------------------------

    def daily_chart(self) -> BarChart:
        """Actions per day (per week or month over long periods), stacked by object type; the
        rarest types summed into "Other"."""
        days = buckets(self.period)
        daily = {slug: regroup(values, self.period) for slug, values in self.daily.items()}
        shown, rest = self.object_types[:MAX_STACKED_SERIES], self.object_types[MAX_STACKED_SERIES:]
        series = [Series(slug, object_type_label(slug), daily[slug]) for slug in shown]
        if rest:
            other = [sum(daily[slug][i] for slug in rest) for i in range(len(days))]
            series.append(Series("wt-rest", str(_("Other types")), other))
        titles = {
            "day": (_("Actions per day, by object type"), _("Day")),
            "week": (_("Actions per week, by object type"), _("Week starting")),
            "month": (_("Actions per month, by object type"), _("Month starting")),
        }
        title, heading = titles[grain(self.period)]
        return BarChart(
            chart_id="wt-backoffice-daily",
            title=str(title),
            categories=[short_date(day) for day in days],
            axis_labels=[axis_date(day) for day in days],
            series=series
            or [Series("none", str(pgettext_lazy("analytics report", "Actions")), [0] * len(days))],
            category_heading=str(heading),
        )

    def weekday_chart(self) -> BarChart:
        return BarChart(
            chart_id="wt-backoffice-weekdays",
            title=str(_("Actions by logged-in users, by day of the week")),
            categories=[str(WEEKDAYS[day]) for day in range(7)],
            series=[
                Series(
                    "actions",
                    str(pgettext_lazy("analytics report", "Actions")),
                    self.summary.weekdays(),
                )
            ],
            category_heading=str(_("Day of the week")),
            height=200,
        )

    def action_chart(self) -> BarChart:
        rows = self.summary.by_action()
        return BarChart(
            chart_id="wt-backoffice-actions",
            title=str(_("Actions by type")),
            categories=[action_label(action) for action, _count in rows],
            series=[
                Series(
                    "actions",
                    str(pgettext_lazy("analytics report", "Actions")),
                    [count for _action, count in rows],
                )
            ],
            category_heading=str(pgettext_lazy("analytics report", "Action")),
            horizontal=True,
        )
