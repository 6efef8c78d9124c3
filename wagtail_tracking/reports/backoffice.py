"""The "Back office" report: how the admin is used, with drill-downs into the activity log."""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.dates import WEEKDAYS
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.widgets import Button
from wagtail.log_actions import registry as log_action_registry

from wagtail_tracking.activity import queries
from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.activity.object_types import get_object_type_choices
from wagtail_tracking.activity.summary import ActivitySummary

from .charts import BarChart, Series, axis_date, short_date
from .figures import KeyFigure
from .filters import PeriodFilterSet
from .views import (
    COMPARISON_FIELDS,
    COMPARISON_HEADINGS,
    AnalyticsReportView,
    comparison_columns,
    with_change,
)


TOP_ROWS = 5
# Stacked series beyond this are summed into "Other" (the data table still lists every type).
MAX_STACKED_SERIES = 7
FILTER_PARAMS = (
    "period",
    "date_from",
    "date_to",
    "site",
    "object_type",
    "action",
    "user",
    "q",
)


def action_label(action: str) -> str:
    """Wagtail's label for a log action ("Publish"), or the code of an unregistered one."""
    if not log_action_registry.action_exists(action):  # also loads the registry
        return action
    return str(log_action_registry.get_action_label(action))


def object_type_label(slug: str) -> str:
    return str(dict(get_object_type_choices()).get(slug, slug))


def action_choices():
    """Every registered log action: reading the actions used would scan the whole log."""
    return sorted(
        ((code, str(label)) for code, label in log_action_registry.get_choices()),
        key=lambda choice: choice[1].lower(),
    )


class BackofficeFilterSet(PeriodFilterSet):
    class Meta(PeriodFilterSet.Meta):
        model = ActivityEvent
        fields = []


class ActivityFilterSet(BackofficeFilterSet):
    """The period, the site, and what an event is: its object type, action and user."""

    object_type = django_filters.ChoiceFilter(
        label=_("Object type"), choices=get_object_type_choices, empty_label=_("All types")
    )
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=action_choices, empty_label=_("All actions")
    )
    user = django_filters.ModelChoiceFilter(
        label=_("User"),
        queryset=get_user_model().objects.order_by(get_user_model().USERNAME_FIELD),
        empty_label=_("All users"),
    )


def filter_query_string(request, exclude=()) -> str:
    params = [
        (key, value)
        for key, value in request.GET.items()
        if key in FILTER_PARAMS and key not in exclude and value
    ]
    return urlencode(params)


def with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def user_url(user_id) -> str:
    return reverse("wagtail_tracking_analytics:backoffice_user", args=[user_id])


def object_url(content_type_id, object_id) -> str:
    return reverse(
        "wagtail_tracking_analytics:backoffice_object",
        args=[content_type_id or 0, object_id],
    )


class BackofficeReportView(AnalyticsReportView):
    """Key figures, three charts and the top-5 tables; exports the daily chart's numbers."""

    page_title = _("Back office")
    filterset_class = BackofficeFilterSet
    template_name = "wagtail_tracking/reports/usage.html"
    results_template_name = "wagtail_tracking/reports/backoffice_results.html"
    index_url_name = "wagtail_tracking_analytics:backoffice"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_results"
    paginate_by = None
    show_results_count = False
    export_filename = "back-office"

    def get_filtered_queryset(self):
        return self.daily_rows

    @cached_property
    def summary(self) -> ActivitySummary:
        self.filters.is_valid()  # an invalid period still lets a valid site filter apply
        site = getattr(self.filters.form, "cleaned_data", {}).get("site")
        return ActivitySummary(self.period, site_id=site.pk if site else None)

    @cached_property
    def daily(self) -> dict[str, list[int]]:
        return self.summary.daily_by_type()

    @cached_property
    def object_types(self) -> list[str]:
        return sorted(self.daily, key=lambda slug: -sum(self.daily[slug]))

    @cached_property
    def daily_rows(self):
        return [
            {"day": day, **{slug: self.daily[slug][i] for slug in self.object_types}}
            for i, day in enumerate(self.period.each_day())
        ]

    @property
    def list_export(self):
        return ["day", *self.object_types]

    @property
    def export_headings(self):
        return {"day": _("Day"), **{slug: object_type_label(slug) for slug in self.object_types}}

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("See source data"),
                url=with_query(
                    reverse("wagtail_tracking_analytics:backoffice_events"),
                    filter_query_string(self.request),
                ),
                icon_name="list-ul",
                priority=10,
            ),
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        query = filter_query_string(self.request)
        context["figures"] = key_figures(self.summary)
        context["charts"] = [self.daily_chart(), self.weekday_chart(), self.action_chart()]
        users = top_user_rows(self.summary)
        context["top_users"] = {
            "title": _("Top 5 users"),
            "rows": users,
            "show_more_url": with_query(
                reverse("wagtail_tracking_analytics:backoffice_users"), query
            ),
        }
        context["tables"] = [
            top_object_table(
                _("Top 5 modified pages"),
                _("Page"),
                self.summary.top_objects(pages=True, limit=TOP_ROWS),
                "wagtail_tracking_analytics:backoffice_pages",
                query,
            ),
            top_object_table(
                _("Top 5 modified objects"),
                _("Object"),
                self.summary.top_objects(pages=False, limit=TOP_ROWS),
                "wagtail_tracking_analytics:backoffice_objects",
                query,
            ),
        ]
        context["source_data_url"] = with_query(
            reverse("wagtail_tracking_analytics:backoffice_events"), query
        )
        return context

    def daily_chart(self) -> BarChart:
        daily = self.daily
        days = list(self.period.each_day())
        shown = self.object_types[:MAX_STACKED_SERIES]
        series = [Series(slug, object_type_label(slug), daily[slug]) for slug in shown]
        rest = self.object_types[MAX_STACKED_SERIES:]
        if rest:
            series.append(
                Series(
                    "wt-rest",
                    str(_("Other types")),
                    [sum(daily[slug][i] for slug in rest) for i in range(len(days))],
                )
            )
        return BarChart(
            chart_id="wt-backoffice-daily",
            title=str(_("Actions per day, by object type")),
            categories=[short_date(day) for day in days],
            axis_labels=[axis_date(day) for day in days],
            series=series or [Series("none", str(_("Actions")), [0] * len(days))],
            category_heading=str(_("Day")),
        )

    def weekday_chart(self) -> BarChart:
        return BarChart(
            chart_id="wt-backoffice-weekdays",
            title=str(_("Actions by logged-in users, by day of the week")),
            categories=[str(WEEKDAYS[day]) for day in range(7)],
            series=[Series("actions", str(_("Actions")), self.summary.weekdays())],
            category_heading=str(_("Day of the week")),
            height=200,
        )

    def action_chart(self) -> BarChart:
        rows = self.summary.by_action()
        return BarChart(
            chart_id="wt-backoffice-actions",
            title=str(_("Actions by type")),
            categories=[action_label(action) for action, _count in rows],
            series=[Series("actions", str(_("Actions")), [count for _action, count in rows])],
            category_heading=str(_("Action")),
            horizontal=True,
        )


def key_figures(summary: ActivitySummary) -> list[KeyFigure]:
    current, previous = summary.totals()

    def per_user(counts):
        return round(counts["actions"] / counts["users"]) if counts["users"] else 0

    return [
        KeyFigure(str(_("Actions")), current["actions"], previous["actions"]),
        KeyFigure(str(_("Active users")), current["users"], previous["users"]),
        KeyFigure(str(_("Actions per active user")), per_user(current), per_user(previous)),
        KeyFigure(str(_("Objects modified")), current["objects"], previous["objects"]),
    ]


def top_user_rows(summary: ActivitySummary) -> list[dict]:
    rows = with_change(summary.top_users(TOP_ROWS))
    for row in rows:
        row["label"] = row["user_name"] or _("User #%(id)s") % {"id": row["user_id"]}
        row["edit_url"] = user_url(row["user_id"])
        row["breakdown"] = [(action_label(action), count) for action, count in row["actions"]]
    return rows


def decorate_objects(rows) -> list[dict]:
    rows = with_change(rows)
    for row in rows:
        row["label"] = (
            row["title"] or f"{object_type_label(row['object_type'])} #{row['object_id']}"
        )
        row["object_type_label"] = object_type_label(row["object_type"])
        row["edit_url"] = object_url(row["content_type_id"], row["object_id"])
    return rows


def top_object_table(title, label_heading, rows, url_name, query) -> dict:
    return {
        "title": title,
        "label_heading": label_heading,
        "rows": decorate_objects(rows),
        "show_more_url": with_query(reverse(url_name), query),
    }


class RankedActivityView(AnalyticsReportView):
    """A complete "Show more" list: search, filters, sorting, pagination and export."""

    filterset_class = ActivityFilterSet
    default_ordering = "-total"
    results_template_name = "wagtail_tracking/reports/ranked_results.html"
    is_searchable = True

    def get_base_queryset(self):
        events = self.filter_queryset(queries.actions_queryset())
        return self.ranked(events).order_by()

    def filter_queryset(self, queryset):
        # get_queryset() calls this again on the grouped rows: the filters already applied.
        if not queryset.query.group_by:
            return super().filter_queryset(queryset)
        return queryset

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["back_url"] = reverse("wagtail_tracking_analytics:backoffice")
        return context


class UserActivityRankingView(RankedActivityView):
    page_title = _("Users by number of actions")
    index_url_name = "wagtail_tracking_analytics:backoffice_users"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_users_results"
    export_filename = "back-office-users"
    search_fields = ["user_name"]
    list_export = ["user_id", "user_name", *COMPARISON_FIELDS]
    export_headings = {
        "user_id": _("User ID"),
        "user_name": _("User"),
        **COMPARISON_HEADINGS,
    }

    def ranked(self, events):
        return queries.ranked_users(events, self.period)

    def decorate_paginated_queryset(self, object_list):
        return with_change(object_list)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "user_name",
                label=_("User"),
                sort_key="user_name",
                get_url=lambda row: user_url(row["user_id"]),
            ),
            *comparison_columns(),
        ]


class ObjectActivityRankingView(RankedActivityView):
    page_title = _("Modified objects")
    index_url_name = "wagtail_tracking_analytics:backoffice_objects"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_objects_results"
    export_filename = "back-office-objects"
    search_fields = ["title"]
    list_export = ["object_type", "object_id", "title", *COMPARISON_FIELDS]
    export_headings = {
        "object_type": _("Object type"),
        "object_id": _("Object ID"),
        "title": _("Title"),
        **COMPARISON_HEADINGS,
    }

    def ranked(self, events):
        return queries.ranked_non_pages(events, self.period)

    def search_queryset(self, queryset):
        # The title is an aggregate: search the events' titles before grouping instead.
        return queryset

    def get_base_queryset(self):
        events = self.filter_queryset(queries.actions_queryset())
        if self.is_searching:
            events = events.filter(object_title__icontains=self.search_query)
        return self.ranked(events).order_by()

    def decorate_paginated_queryset(self, object_list):
        return decorate_objects(object_list)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Object"),
                sort_key="title",
                get_url=lambda row: row["edit_url"],
                accessor="label",
            ),
            Column("object_type_label", label=_("Object type"), sort_key="object_type"),
            *comparison_columns(),
        ]


class PageActivityRankingView(ObjectActivityRankingView):
    page_title = _("Modified pages")
    index_url_name = "wagtail_tracking_analytics:backoffice_pages"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_pages_results"
    export_filename = "back-office-pages"

    def ranked(self, events):
        return queries.ranked_pages(events, self.period)
