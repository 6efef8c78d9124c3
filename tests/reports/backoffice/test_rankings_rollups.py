"""With only the period and the site, the lists read the rollups: the same rows as the events."""

import datetime

import pytest
from django.utils import timezone

from tests.activity import test_rollups as base
from wagtail_tracking.activity import queries, rollup_rankings
from wagtail_tracking.activity import summary as summary_module
from wagtail_tracking.activity.actions import AUTH_ACTIONS
from wagtail_tracking.activity.rollup_blocks import prepare_rollups
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
    response = analyst_client.get(URL + "objects/", {**period, "action": "wagtail.edit"})
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
    # Counting needs the daily counts only: no object counts are built for it.
    assert not ActivityRollup.objects.exclude(counts=ActivityRollup.Counts.DAILY).exists()
    response = analyst_client.get(url, {**params, "q": "wagtail"})
    assert response.context["view"].counted_from_rollups() is None


def renamed():
    """Some objects renamed mid-April: their rollup rows of April split by title."""
    middle = datetime.datetime(2026, 4, 15, 12, tzinfo=datetime.UTC)
    ActivityEvent.objects.filter(object_id__in=["3", "4", "5"], timestamp__gte=middle).update(
        object_title="Renamed thing"
    )


def summarised(period, built):
    """The period's summary: with every finished day built, or with none (read live)."""
    if built:
        prepare_rollups(*((p.start, p.end) for p in (period, period.previous())))
    summary = ActivitySummary(period)
    assert bool(summary.live_ranges(period)) != built
    return summary


@pytest.mark.parametrize("built", [True, False], ids=["rollups", "live"])
@pytest.mark.parametrize(
    "lookups",
    [
        {"object_type": "image"},
        {"action": "wagtail.publish"},
        {"object_type": "page", "action": "wagtail.edit"},
        "user",
    ],
)
def test_users_filtered_in_the_rollups_equal_the_events(
    random_events, editor, settings, built, lookups
):
    if lookups == "user":
        lookups = {"user_id": editor.pk}
    if not built:  # nothing built within the request: every finished day is read live
        settings.WAGTAIL_TRACKING = {"ACTIVITY_ROLLUP_REQUEST_SECONDS": 0}
    period = Period(datetime.date(2026, 2, 20), datetime.date(2026, 6, 3))
    summary = summarised(period, built)
    expected = queries.ranked_users(queries.actions_queryset().filter(**lookups), period)
    rows = rollup_rankings.ranked_users(summary, lookups)
    assert by_key(rows, ["user_id"]) == by_key(expected, ["user_id"])
    assert by_key(expected, ["user_id"])  # the filter leaves some rows to compare


@pytest.mark.parametrize("built", [True, False], ids=["rollups", "live"])
@pytest.mark.parametrize(
    "lookups",
    [
        {"object_type": "image"},
        {"object_title__icontains": "renamed"},
        {"object_title__icontains": "object 1"},
        {"object_type": "page", "object_title__icontains": "RENAMED"},
    ],
)
def test_objects_filtered_or_searched_in_the_rollups_equal_the_events(
    random_events, settings, built, lookups
):
    renamed()
    if not built:
        settings.WAGTAIL_TRACKING = {"ACTIVITY_ROLLUP_REQUEST_SECONDS": 0}
    period = Period(datetime.date(2026, 2, 20), datetime.date(2026, 6, 3))
    summary = summarised(period, built)
    events = queries.actions_queryset().filter(**lookups)
    keys = ["object_type", "content_type_id", "object_id"]
    found = 0
    for pages, expected in (
        (True, queries.ranked_pages(events, period)),
        (False, queries.ranked_non_pages(events, period)),
    ):
        rows = rollup_rankings.ranked_objects(summary, pages=pages, lookups=lookups)
        assert by_key(rows, keys) == by_key(expected, keys)
        assert len(rows) == len(expected)
        found += len(rows)
    assert found  # the filter leaves some rows to compare


def test_the_users_search_keeps_the_users_whose_latest_name_matches(random_events, editor):
    period = Period(datetime.date(2026, 2, 20), datetime.date(2026, 6, 3))
    summary = ActivitySummary(period)
    everyone = list(rollup_rankings.ranked_users(summary))
    found = rollup_rankings.ranked_users(summary, search=editor.get_username()[1:].upper())
    assert [row["user_id"] for row in found] == [editor.pk]
    assert len(found) == 1 and found[0:5] == list(found)
    assert found[0]["total"] == next(r["total"] for r in everyone if r["user_id"] == editor.pk)
    assert not rollup_rankings.ranked_users(summary, search="nobody-has-this-name")


def test_the_lists_read_the_rollups_for_the_filters_they_carry(analyst_client, random_events):
    period = {"date_from": "2026-02-20", "date_to": "2026-06-03"}
    reads_rollups = {
        ("users/", "action", "wagtail.edit"): True,
        ("users/", "object_type", "image"): True,
        ("users/", "q", "admin"): True,
        ("objects/", "object_type", "image"): True,
        ("pages/", "q", "Object 1"): True,
        ("objects/", "action", "wagtail.edit"): False,
    }
    for (path, name, value), rollups in reads_rollups.items():
        response = analyst_client.get(URL + path, {**period, name: value})
        assert response.status_code == 200
        assert (response.context["view"].summary is not None) == rollups, (path, name)
    searched = analyst_client.get(URL + "pages/", {**period, "q": "Object 1"})
    ids = [row["object_id"] for row in searched.context["object_list"]]
    assert ids and all(object_id.startswith("1") for object_id in ids)  # "Object 1…"


@pytest.mark.parametrize(
    "params",
    [
        {"action": "wagtail.edit"},
        {"object_type": "image", "date_from": "2026-02-20", "date_to": "2026-06-03"},
        "user",
        {"action": AUTH_ACTIONS[0], "period": "30d"},
    ],
)
@pytest.mark.parametrize("drill_down", [False, True], ids=["log", "one user"])
def test_filtered_logs_and_a_users_actions_count_their_pages_from_the_rollups(
    analyst_client, random_events, editor, params, drill_down
):
    ActivityEvent.objects.create(
        object_type="user", action=AUTH_ACTIONS[0], source="auth", user=editor
    )
    if params == "user":
        params = {"user": editor.pk}
    url = URL + (f"users/{editor.pk}/" if drill_down else "log/")
    for _ in range(2):  # builds, then reads the rollups back
        response = analyst_client.get(url, params)
        view = response.context["view"]
        events = view.filter_queryset(view.events())
        assert events.exists() or params.get("object_type")
        assert response.context["paginator"].count == events.count()
        assert view.counted_from_rollups() == events.count()


def test_one_objects_history_counts_its_events(analyst_client, random_events):
    response = analyst_client.get(URL + "objects/1/3/")
    assert response.context["view"].counted_from_rollups() is None
    assert (
        response.context["paginator"].count
        == ActivityEvent.objects.filter(content_type_id=1, object_id="3").count()
    )


@pytest.mark.parametrize("path", ["objects/", "pages/"])
@pytest.mark.parametrize("name", ["action", "user"])
def test_objects_filtered_by_action_or_user_count_each_objects_events(
    analyst_client, random_events, editor, path, name
):
    # The events' (action|user, timestamp, ...) indexes serve these lists: the counts are exact.
    value = "wagtail.edit" if name == "action" else editor.pk
    period = Period(datetime.date(2026, 3, 1), datetime.date(2026, 5, 31))
    previous = period.previous()
    response = analyst_client.get(
        URL + path,
        {"date_from": period.start, "date_to": period.end, name: value},
    )
    assert response.context["view"].summary is None  # read from the events
    events = queries.actions_queryset().filter(**{name: value}).exclude(object_id="")
    pages = events.filter(object_type="page")
    events = pages if path == "pages/" else events.exclude(object_type="page")
    expected = {}
    for event in events:
        day = timezone.localtime(event.timestamp).date()
        key = (event.object_type, event.content_type_id, event.object_id)
        total, before = expected.get(key, (0, 0))
        if period.start <= day <= period.end:
            expected[key] = (total + 1, before)
        elif previous.start <= day <= previous.end:
            expected[key] = (total, before + 1)
    expected = {key: counts for key, counts in expected.items() if counts[0]}
    rows = response.context["paginator"].object_list
    assert by_key(rows, ["object_type", "content_type_id", "object_id"]) == expected
    assert expected  # the filter leaves some rows to compare
