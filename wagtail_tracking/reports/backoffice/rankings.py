"""The back-office "Show more" lists: users, pages and other objects ranked by their actions.

Each is complete where the dashboard shows five rows: search, every filter, sorting,
pagination and export, with this period, the previous one and the change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext_lazy, pgettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn

from wagtail_tracking.activity import queries, rollup_rankings
from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.activity.queries import Events, RankedRows
from wagtail_tracking.activity.rollup_rankings import RankedRollups
from wagtail_tracking.activity.summary import ActivitySummary
from wagtail_tracking.reports.views import (
    COMPARISON_FIELDS,
    COMPARISON_HEADINGS,
    RankedReportView,
    with_change,
)

from .event_filters import ActivityFilterSet
from .labels import object_type_label, with_user_names
from .links import drill_down_query, object_history_url, user_activity_url


def label_object_rows(rows: Iterable[dict[str, Any]], query: str = "") -> list[dict[str, Any]]:
    """Ranked objects with their change, a readable label and the link to their history."""
    rows = with_change(rows)
    for row in rows:
        type_label = object_type_label(row["object_type"])
        row["label"] = row["title"] or f"{type_label} #{row['object_id']}"
        row["object_type_label"] = type_label
        row["edit_url"] = object_history_url(row["content_type_id"], row["object_id"], query)
    return rows


# Filters that narrow the events themselves: the lists read the rollups only for the ones the
# list's rollups carry (``rollup_filters``).
EVENT_FILTERS = ("object_type", "action", "user")


class RankedActivityView(RankedReportView):
    """A ranked list of the back office's actions: search, filters, sorting, pagination, export.

    A list names its rows' own fields (``row_headings``, exported before the comparison).
    """

    filterset_class = ActivityFilterSet
    back_url_name = "wagtail_tracking_analytics:backoffice"
    is_searchable = True
    #: The list's name in the Analytics URLs; its AJAX results twin adds "_results".
    url_name = ""
    row_headings: dict[str, str | Promise] = {}

    @property
    def index_url_name(self) -> str:
        return f"wagtail_tracking_analytics:{self.url_name}"

    @property
    def index_results_url_name(self) -> str:
        return f"wagtail_tracking_analytics:{self.url_name}_results"

    @property
    def list_export(self) -> list[str]:
        return [*self.row_headings, *COMPARISON_FIELDS]

    @property
    def export_headings(self) -> dict[str, str | Promise]:
        return {**self.row_headings, **COMPARISON_HEADINGS}

    @cached_property
    def drill_down_query(self) -> str:
        return drill_down_query(self.request, self.period)

    def ranked(self, events: Events) -> RankedRows:
        """The filtered events grouped into ranked rows, with this period's and the previous."""
        raise NotImplementedError

    def search_events(self, events: Events) -> QuerySet[ActivityEvent]:
        """Narrow the events before grouping; by default the search applies to the rows."""
        return events

    def get_base_queryset(self) -> RankedRows:
        events = self.search_events(self.filter_queryset(queries.actions_queryset()))
        return self.ranked(events).order_by()

    def rolled_up(self, summary: ActivitySummary) -> RankedRollups:
        """The same rows from the dashboard's sources (rollups where built)."""
        raise NotImplementedError

    #: ``{filter: lookup}``: the filters this list's rollups carry; any other reads the events.
    rollup_filters: dict[str, str] = {}

    @cached_property
    def rollup_lookups(self) -> dict[str, Any] | None:
        """The chosen filters as lookups on the rollups; None when one of them needs the events."""
        self.filters.is_valid()
        data = getattr(self.filters.form, "cleaned_data", {})
        lookups = {}
        for name in EVENT_FILTERS:
            value = data.get(name)
            if not value:
                continue
            if name not in self.rollup_filters:
                return None
            lookups[self.rollup_filters[name]] = getattr(value, "pk", value)
        return lookups

    @cached_property
    def summary(self) -> ActivitySummary | None:
        """The dashboard's sources, when the filters and the search are ones the rollups carry."""
        if self.rollup_lookups is None or self.ordering not in rollup_rankings.ORDERINGS:
            return None
        data = getattr(self.filters.form, "cleaned_data", {})
        site = data.get("site")
        return ActivitySummary(self.period, site_id=site.pk if site else None)

    def get_queryset(self) -> Any:
        if self.summary is None:
            return super().get_queryset()
        return self.rolled_up(self.summary).order_by(self.ordering)

    def filter_queryset(self, queryset: Any) -> Any:
        if isinstance(queryset, RankedRollups):
            return queryset  # filtered by the summary's period and site
        return super().filter_queryset(queryset)

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["preparing_before"] = self.summary and self.summary.preparing_before
        return context


class UserActivityRankingView(RankedActivityView):
    page_title = _("Users by number of actions")
    url_name = "backoffice_users"
    export_filename = "back-office-users"
    search_fields = ["user_name"]
    row_headings = {"user_id": _("User ID"), "user_name": pgettext_lazy("analytics report", "User")}
    count_label = npgettext_lazy("analytics count", "%(count)s user", "%(count)s users", "count")

    rollup_filters = {"object_type": "object_type", "action": "action", "user": "user_id"}

    def ranked(self, events: Events) -> RankedRows:
        return queries.ranked_users(events, self.period)

    def rolled_up(self, summary: ActivitySummary) -> RankedRollups:
        search = self.search_query if self.is_searching else ""
        return rollup_rankings.ranked_users(summary, self.rollup_lookups, search=search)

    def decorate_paginated_queryset(self, object_list: Iterable[dict[str, Any]]) -> list[Any]:
        return with_user_names(with_change(object_list))

    def row_columns(self) -> list[Column]:
        return [
            TitleColumn(
                "user_name",
                label=pgettext_lazy("analytics report", "User"),
                sort_key="user_name",
                accessor="label",
                get_url=lambda row: user_activity_url(row["user_id"], self.drill_down_query),
            )
        ]


class ObjectActivityRankingView(RankedActivityView):
    page_title = _("Modified objects")
    count_label = npgettext_lazy(
        "analytics count", "%(count)s object", "%(count)s objects", "count"
    )
    url_name = "backoffice_objects"
    export_filename = "back-office-objects"
    search_fields = ["title"]
    row_headings = {
        "object_type": _("Object type"),
        "object_id": _("Object ID"),
        "title": pgettext_lazy("analytics report", "Title"),
    }

    rollup_filters = {"object_type": "object_type"}

    def ranked(self, events: Events) -> RankedRows:
        return queries.ranked_non_pages(events, self.period)

    @property
    def object_lookups(self) -> dict[str, Any]:
        """The rollups' filters, and the title search as the events get it (``search_events``)."""
        lookups = dict(self.rollup_lookups or {})
        if self.is_searching:
            lookups["object_title__icontains"] = self.search_query
        return lookups

    def rolled_up(self, summary: ActivitySummary) -> RankedRollups:
        return rollup_rankings.ranked_objects(summary, pages=False, lookups=self.object_lookups)

    def search_events(self, events: Events) -> QuerySet[ActivityEvent]:
        # The title is an aggregate: search the events' titles before grouping instead.
        if self.is_searching:
            return events.filter(object_title__icontains=self.search_query)
        return events

    def search_queryset(self, queryset: QuerySet[Any, Any]) -> QuerySet[Any, Any]:
        return queryset  # searched in search_events()

    def decorate_paginated_queryset(self, object_list: Iterable[dict[str, Any]]) -> list[Any]:
        return label_object_rows(object_list, self.drill_down_query)

    def row_columns(self) -> list[Column]:
        return [
            TitleColumn(
                "title",
                label=_("Object"),
                sort_key="title",
                get_url=lambda row: row["edit_url"],
                accessor="label",
            ),
            Column("object_type_label", label=_("Object type"), sort_key="object_type"),
        ]


class PageActivityRankingView(ObjectActivityRankingView):
    page_title = _("Modified pages")
    count_label = npgettext_lazy("analytics count", "%(count)s page", "%(count)s pages", "count")
    url_name = "backoffice_pages"
    export_filename = "back-office-pages"

    def ranked(self, events: Events) -> RankedRows:
        return queries.ranked_pages(events, self.period)

    def rolled_up(self, summary: ActivitySummary) -> RankedRollups:
        return rollup_rankings.ranked_objects(summary, pages=True, lookups=self.object_lookups)
