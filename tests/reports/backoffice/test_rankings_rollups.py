"""With only the period and the site, the lists read the rollups: the same rows as the events."""

import datetime

import pytest

from tests.activity import test_rollups as base
from wagtail_tracking.activity import queries, rollup_rankings
from wagtail_tracking.activity import summary as summary_module
from wagtail_tracking.activity.actions import AUTH_ACTIONS
from wagtail_tracking.activity.summary import ActivitySummary
from wagtail_tracking.models import ActivityEvent, ActivityRollup
from wagtail_tracking.periods import Period, last_days

from .utils import URL


pytestmark = pytest.mark.django_db

random_events = base.random_events

PERIODS = [
    "last 14 days",
    "last 200 days",
    Period(datetime.date(2026, 2, 20), datetime.date(2026, 6, 3)),
]


def by_key(rows, keys):
    return {tuple(row[key] for key in keys): (row["total"], row["previous"]) for row in rows}


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("on_other_site", [False, True])
def test_rolled_up_rows_equal_the_events_grouped(random_events, other_site, period, on_other_site):
    if isinstance(period, str):
        period = last_days(int(period.split()[1]))
    site_id = other_site.pk if on_other_site else None
    summary = ActivitySummary(period, site_id=site_id)
    events = queries.actions_queryset()
    if site_id:
        events = events.filter(site_id=site_id)
    users = rollup_rankings.ranked_users(summary)
    assert by_key(users, ["user_id"]) == by_key(queries.ranked_users(events, period), ["user_id"])
    keys = ["object_type", "content_type_id", "object_id"]
    for pages, expected in (
        (True, queries.ranked_pages(events, period)),
        (False, queries.ranked_non_pages(events, period)),
    ):
        rows = rollup_rankings.ranked_objects(summary, pages=pages)
        assert by_key(rows, keys) == by_key(expected, keys)
        assert len(rows) == len(expected)
        titles = {(row["content_type_id"], row["object_id"]): row["title"] for row in expected}
        assert {(r["content_type_id"], r["object_id"]): r["title"] for r in rows[0:5]} == {
            (r["content_type_id"], r["object_id"]): titles[r["content_type_id"], r["object_id"]]
            for r in rows[0:5]
        }


def test_pages_of_a_list_follow_the_ordering(random_events):
    rows = rollup_rankings.ranked_objects(ActivitySummary(last_days(200)), pages=False)
    everything = list(rows.order_by("-previous"))
    assert [row["previous"] for row in everything] == sorted(
        (row["previous"] for row in everything), reverse=True
    )
    assert rows.order_by("-previous")[3:7] == everything[3:7]
    assert rows.order_by("total")[0]["total"] == min(row["total"] for row in everything)


def test_the_lists_read_the_rollups_unless_a_filter_or_search_needs_the_events(
    analyst_client, random_events
):
    period = {"date_from": "2026-02-20", "date_to": "2026-06-03"}
    analyst_client.get(URL + "users/", period)  # builds the rollups
    assert ActivityRollup.objects.exists()
    response = analyst_client.get(URL + "users/", period)
    assert response.context["view"].summary is not None
    response = analyst_client.get(URL + "users/", {**period, "action": "wagtail.edit"})
    assert response.context["view"].summary is None
    response = analyst_client.get(URL + "objects/", {**period, "ordering": "title"})
    assert response.context["view"].summary is None
    count = response.context["paginator"].count
    response = analyst_client.get(URL + "objects/", {**period, "ordering": "-total"})
    assert response.context["paginator"].count == count
    totals = [row["total"] for row in response.context["object_list"]]
    assert totals == sorted(totals, reverse=True)
    assert all(row["label"] and row["edit_url"] for row in response.context["object_list"])


def test_a_list_says_when_older_figures_are_being_prepared(
    analyst_client, random_events, settings, monkeypatch
):
    settings.WAGTAIL_TRACKING = {"ACTIVITY_ROLLUP_REQUEST_SECONDS": 0}
    monkeypatch.setattr(summary_module, "LIVE_READ_LIMIT", 1)
    assert ActivityEvent.objects.count() > 1
    response = analyst_client.get(URL + "pages/", {"date_from": "2026-02-01"})
    assert b"Older activity is still being summarised" in response.content


@pytest.mark.parametrize(
    "params",
    [{}, {"date_from": "2026-02-20", "date_to": "2026-06-03"}, {"period": "30d"}, "site"],
)
def test_the_activity_log_counts_its_pages_from_the_rollups(
    analyst_client, random_events, other_site, params
):
    ActivityEvent.objects.create(object_type="user", action=AUTH_ACTIONS[0], source="auth")
    if params == "site":
        params = {"site": other_site.pk}
    url = URL + "log/"
    for _ in range(2):  # builds, then reads the rollups back
        response = analyst_client.get(url, params)
        view = response.context["view"]
        events = view.filter_queryset(ActivityEvent.objects.all())
        assert response.context["paginator"].count == events.count()
        assert view.counted_from_rollups() == events.count()
    assert ActivityRollup.objects.exists()
    response = analyst_client.get(url, {**params, "q": "wagtail"})
    assert response.context["view"].counted_from_rollups() is None
