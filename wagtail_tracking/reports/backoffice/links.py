"""Links between the back-office views, carrying the filters the user chose.

From the dashboard to a "Show more" list or the activity log, and from a row to a user's
actions or an object's history, the period, site and other filters go along: the page
opened shows the same slice of the log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder

from wagtail_tracking.activity.lookups import model_for_content_type
from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.periods import Period
from wagtail_tracking.reports.filters import PERIOD_PARAMS, link_query


# The query parameters of the back-office filters and search.
FILTER_PARAMS = (*PERIOD_PARAMS, "site", "object_type", "action", "user", "q")
# What a drill-down into one user's actions or one object's history keeps: the list's own
# search and user filter are about the list, not about its row.
DRILL_DOWN_PARAMS = (*PERIOD_PARAMS, "site", "object_type", "action")


def with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def filtered_url(url_name: str, request: HttpRequest, period: Period | None) -> str:
    """The named back-office view, with the request's filters and the period shown."""
    return with_query(reverse(url_name), link_query(request, FILTER_PARAMS, period))


def activity_log_url(request: HttpRequest, period: Period | None) -> str:
    """The activity log ("See source data"), with the request's filters and the period shown."""
    return filtered_url("wagtail_tracking_analytics:backoffice_events", request, period)


def drill_down_query(request: HttpRequest, period: Period | None) -> str:
    """The query string of a link from a row to its user's actions or its object's history."""
    return link_query(request, DRILL_DOWN_PARAMS, period)


def user_activity_url(user_id: int, query: str = "") -> str:
    """Every action one user took (in the period and filters of ``query``)."""
    return with_query(reverse("wagtail_tracking_analytics:backoffice_user", args=[user_id]), query)


def object_history_url(content_type_id: int | None, object_id: str, query: str = "") -> str:
    """Every action on one object (content type 0 when the event recorded none)."""
    url = reverse(
        "wagtail_tracking_analytics:backoffice_object",
        args=[content_type_id or 0, object_id],
    )
    return with_query(url, query)


def backoffice_breadcrumbs(
    query: str, parent: tuple[str, str | Promise] | None = None
) -> list[dict[str, Any]]:
    """Back to the dashboard and the list a drill-down comes from, in the same period."""
    items: list[dict[str, Any]] = [
        {
            "url": with_query(reverse("wagtail_tracking_analytics:backoffice"), query),
            "label": _("Back office"),
        }
    ]
    if parent is not None:
        url_name, label = parent
        items.append({"url": with_query(reverse(url_name), query), "label": label})
    return items


def edit_urls(user: Any, events: Iterable[ActivityEvent]) -> dict[tuple[int | None, str], str]:
    """The admin edit view of each object of ``events`` that still exists and ``user`` may edit.

    Wagtail's admin URL finder knows every editor: pages, snippets, images, documents, users,
    and the models of wagtail-modeladmin (which registers its own finder). One query per model.
    """
    wanted: dict[int, set[str]] = defaultdict(set)
    for event in events:
        if event.content_type_id and event.object_id:
            wanted[event.content_type_id].add(event.object_id)
    finder = AdminURLFinder(user)
    urls: dict[tuple[int | None, str], str] = {}
    for content_type_id, object_ids in wanted.items():
        model = model_for_content_type(content_type_id)
        if model is None:
            continue
        try:
            instances = model._default_manager.in_bulk(sorted(object_ids))
        except (ValueError, TypeError, ValidationError):  # an id this model's key cannot hold
            continue
        for pk, instance in instances.items():
            url = finder.get_edit_url(instance)
            if url:
                urls[(content_type_id, str(pk))] = url
    return urls
