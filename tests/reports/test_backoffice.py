import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from wagtail_tracking.activity import rollups
from wagtail_tracking.activity.summary import ActivitySummary
from wagtail_tracking.models import ActivityEvent
from wagtail_tracking.periods import Period
from wagtail_tracking.reports.charts import axis_date
from wagtail_tracking.reports.presets import default_period


pytestmark = pytest.mark.django_db
URL = "/admin/analytics/back-office/"


def event(user=None, action="wagtail.edit", days_ago=0, obj=None, object_type=None, **extra):
    moment = extra.pop("timestamp", None) or timezone.now() - datetime.timedelta(days=days_ago)
    if obj is not None:
        extra.setdefault("content_type_id", ContentType.objects.get_for_model(obj).pk)
        extra.setdefault("object_id", str(obj.pk))
        extra.setdefault("object_title", str(obj))
        object_type = object_type or ("page" if isinstance(obj, Page) else "user")
        if isinstance(obj, Page):
            extra.setdefault("page_id", obj.pk)
    return ActivityEvent.objects.create(
        timestamp=moment,
        last_timestamp=moment,
        user_id=user.pk if user else None,
        user_name=user.get_username() if user else "",
        action=action,
        object_type=object_type or "other",
        source="admin",
        **extra,
    )


def daily_and_weekdays(period):
    summary = ActivitySummary(period)
    return summary.daily_by_type(), summary.weekdays()


@pytest.fixture
def activity(site, home_page, editor, analyst):
    ActivityEvent.objects.all().delete()  # what creating the fixtures recorded
    event(editor, "wagtail.edit", 0, home_page, site=site, diff={"changed": {"title": ["A", "B"]}})
    event(editor, "wagtail.publish", 1, home_page, site=site)
    event(editor, "wagtail.edit", 1, analyst)
    event(analyst, "wagtail.create", 2, editor)
    event(analyst, "wagtail_tracking.login", 0)  # authentication: not an action
    event(editor, "wagtail.edit", 20, home_page, site=site)  # previous period
    return home_page


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


def all_urls(home_page, editor):
    content_type = ContentType.objects.get_for_model(home_page).pk
    some_event = ActivityEvent.objects.first()
    return [
        URL,
        URL + "results/",
        URL + "?export=csv",
        URL + "users/",
        URL + "pages/",
        URL + "objects/",
        URL + f"users/{editor.pk}/",
        URL + f"objects/{content_type}/{home_page.pk}/",
        URL + "log/",
        URL + "log/?export=csv",
        URL + "log/?export=xlsx",
        URL + "log/?export=json",
        URL + f"log/{some_event.pk}/",
    ]


def test_anonymous_users_go_to_the_login_page(client, activity, editor):
    for url in all_urls(activity, editor):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("wagtailadmin_login") in response["Location"]


def test_editors_without_the_permission_are_denied_everywhere(client, activity, editor):
    client.force_login(editor)
    for url in all_urls(activity, editor):
        response = client.get(url)
        assert response.status_code == 302, url  # Wagtail's permission denied
        assert response["Location"] == reverse("wagtailadmin_home")


def test_menu_and_home_panel_only_with_the_permission(client, activity, editor, analyst):
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert URL not in home
    assert "Back office this week" not in home
    client.force_login(analyst)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert URL in home
    assert "Back office this week" in home


def test_analysts_and_superusers_see_every_view(client, activity, editor, admin_user, analyst):
    for user in (analyst, admin_user):
        client.force_login(user)
        for url in all_urls(activity, editor):
            assert client.get(url).status_code == 200, url


def test_dashboard_key_figures_charts_and_tops(analyst_client, activity, editor):
    response = analyst_client.get(URL)
    figures = {figure.label: figure for figure in response.context["figures"]}
    assert figures["Actions"].current == 4  # the login is not counted
    assert figures["Actions"].previous == 1
    assert figures["Actions"].change == 300
    assert figures["Active users"].current == 2
    assert figures["Active users"].change == 100  # previous 1
    assert figures["Actions per active user"].current == 2
    assert figures["Objects modified"].current == 3
    daily, weekdays, actions = response.context["charts"]
    assert {series.key for series in daily.series} == {"page", "user"}
    assert sum(series.total for series in daily.series) == 4
    assert sum(weekdays.series[0].values) == 4
    assert dict(zip(actions.categories, actions.series[0].values, strict=True))["Edit"] == 2
    top_users = response.context["top_users"]["rows"]
    assert top_users[0]["label"] == "editor"
    assert top_users[0]["total"] == 3
    assert dict(top_users[0]["breakdown"]) == {"Edit": 2, "Publish": 1}
    pages, objects = response.context["tables"]
    assert [row["label"] for row in pages["rows"]] == ["Home"]
    assert pages["rows"][0]["total"] == 2
    assert {row["object_type"] for row in objects["rows"]} == {"user"}
    html = response.content.decode()
    assert 'data-controller="wt-chart"' in html
    assert "<table" in html  # accessible data tables
    assert reverse("wagtail_tracking_analytics:backoffice_events") in html


def test_dashboard_has_no_results_count_but_show_more_lists_keep_it(analyst_client, activity):
    # Wagtail's "There are N matches" would count the days behind the export.
    for url in (URL, URL + "results/"):
        html = analyst_client.get(url, {"period": "7d"}).content.decode()
        assert "matches" not in html and 'role="alert"' not in html
        assert "wt-chart" in html  # the dashboard itself is there
    users = analyst_client.get(URL + "users/", {"period": "7d"}).content.decode()
    assert "There are 2 matches" in users


def test_daily_chart_dates_in_the_users_language(analyst_client, activity, analyst):
    profile = UserProfile.get_for_user(analyst)
    profile.preferred_language = "fr"
    profile.save()
    response = analyst_client.get(URL, {"period": "7d"})
    daily = response.context["charts"][0]
    today = timezone.localdate()
    assert daily.categories[-1] == today.strftime("%d/%m/%Y")  # full date: table and titles
    with translation.override("fr"):
        assert daily.x_labels[-1][1] == axis_date(today)  # compact "21 nov." on the axis
    html = response.content.decode()
    assert f'<th scope="row">{today:%d/%m/%Y}</th>' in html
    assert "Actions par jour" in html  # the page is in French
    # Coordinates stay numbers SVG can read: never French decimal commas ("95,1").
    assert not re.search(r' (?:x|y|x1|x2|y1|y2|cx|cy)="-?\d+,\d', html)


def test_change_is_hidden_when_both_periods_are_empty(analyst_client, db):
    ActivityEvent.objects.all().delete()
    response = analyst_client.get(URL)
    assert all(figure.change is None for figure in response.context["figures"])
    assert "wt-change" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2026-05-10", "date_to": "2026-05-01"},
        {"date_from": "not-a-date"},
        {"period": "bogus"},
    ],
)
def test_bad_dates_give_an_error_and_the_default_period(analyst_client, activity, params):
    response = analyst_client.get(URL, params)
    assert response.status_code == 200
    assert response.context["period"] == default_period()


def test_site_filter(analyst_client, activity, other_site, site):
    response = analyst_client.get(URL, {"site": other_site.pk})
    assert response.context["figures"][0].current == 0
    response = analyst_client.get(URL, {"site": site.pk})
    assert response.context["figures"][0].current == 2


def test_weekdays_are_in_the_site_time_zone_near_midnight(db, editor):
    """23:30 UTC on a Sunday is Monday 00:30 in Paris; 22:30 UTC Sunday stays Sunday in winter."""
    sunday = datetime.datetime(2026, 1, 4, tzinfo=datetime.UTC)
    assert sunday.weekday() == 6
    event(editor, timestamp=sunday + datetime.timedelta(hours=23, minutes=30))
    event(editor, timestamp=sunday + datetime.timedelta(hours=22, minutes=30))
    event(None, timestamp=sunday + datetime.timedelta(hours=12))  # no logged-in user
    period = Period(datetime.date(2026, 1, 1), datetime.date(2026, 1, 10))
    daily, weekdays = daily_and_weekdays(period)
    assert weekdays == [1, 0, 0, 0, 0, 0, 1]
    days = list(period.each_day())
    assert daily["other"][days.index(datetime.date(2026, 1, 5))] == 1
    assert daily["other"][days.index(datetime.date(2026, 1, 4))] == 2


def test_weekdays_in_a_half_hour_time_zone(db, editor, settings):
    """India is UTC+5:30: 18:45 UTC on Sunday is Monday 00:15 there."""
    settings.TIME_ZONE = "Asia/Kolkata"
    with timezone.override("Asia/Kolkata"):
        sunday = datetime.datetime(2026, 1, 4, 18, 45, tzinfo=datetime.UTC)
        event(editor, timestamp=sunday)
        event(editor, timestamp=sunday - datetime.timedelta(minutes=30))  # 23:45 Sunday there
        period = Period(datetime.date(2026, 1, 1), datetime.date(2026, 1, 10))
        _daily, weekdays = daily_and_weekdays(period)
    assert weekdays == [1, 0, 0, 0, 0, 0, 1]


def test_show_more_users_search_sort_and_drill_down(analyst_client, activity, editor):
    response = analyst_client.get(URL + "users/")
    rows = list(response.context["object_list"])
    assert [row["user_name"] for row in rows] == ["editor", "analyst"]
    response = analyst_client.get(URL + "users/", {"q": "anal"})
    assert [row["user_name"] for row in response.context["object_list"]] == ["analyst"]
    response = analyst_client.get(URL + "users/", {"ordering": "user_name"})
    assert [row["user_name"] for row in response.context["object_list"]] == ["analyst", "editor"]
    response = analyst_client.get(URL + "users/", {"action": "wagtail.publish"})
    assert [(row["user_name"], row["total"]) for row in response.context["object_list"]] == [
        ("editor", 1)
    ]
    assert f"{URL}users/{editor.pk}/" in response.content.decode()
    response = analyst_client.get(URL + f"users/{editor.pk}/")
    assert {event.user_id for event in response.context["object_list"]} == {editor.pk}
    assert len(response.context["object_list"]) == 4  # all time, unless a period is chosen
    assert "Home" in response.content.decode()


def test_show_more_objects_filters_and_history_with_diffs(analyst_client, activity, analyst):
    response = analyst_client.get(URL + "pages/")
    rows = list(response.context["object_list"])
    assert [(row["label"], row["total"], row["previous"]) for row in rows] == [("Home", 2, 1)]
    response = analyst_client.get(URL + "objects/", {"object_type": "page"})
    assert list(response.context["object_list"]) == []
    response = analyst_client.get(URL + "objects/", {"q": "edit"})
    assert [row["title"] for row in response.context["object_list"]] == ["editor"]
    history_url = rows[0]["edit_url"]
    response = analyst_client.get(history_url)
    assert len(response.context["object_list"]) == 3
    html = response.content.decode()
    assert "title: A → B" in html
    assert "History of Home" in html


def test_unknown_user_or_object_is_a_404(analyst_client, activity):
    assert analyst_client.get(URL + "users/999999/").status_code == 404
    assert analyst_client.get(URL + "objects/0/nothing/").status_code == 404
    assert analyst_client.get(URL + "log/999999/").status_code == 404


def test_source_data_filters_search_and_inspect(analyst_client, activity, editor):
    response = analyst_client.get(URL + "log/")
    assert len(response.context["object_list"]) == 6  # everything, logins included
    response = analyst_client.get(URL + "log/", {"user": editor.pk, "action": "wagtail.edit"})
    assert len(response.context["object_list"]) == 3
    response = analyst_client.get(URL + "log/", {"q": "home", "period": "7d"})
    assert len(response.context["object_list"]) == 2
    one = ActivityEvent.objects.filter(diff__isnull=False).first()
    response = analyst_client.get(URL + f"log/{one.pk}/")
    html = response.content.decode()
    assert "title: A → B" in html
    assert "<code>object_title</code>" in html


def test_exports_use_the_dataset_names_respect_filters_and_neutralise(
    analyst_client, activity, editor
):
    import csv
    import io
    import json

    from openpyxl import load_workbook

    event(editor, "wagtail.edit", 0, object_type="snippet", object_id="7", object_title="=1+1")
    response = analyst_client.get(URL + "log/", {"export": "csv", "user": editor.pk})
    assert response.streaming
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert list(rows[0]) == [
        "id", "timestamp", "last_timestamp", "site_id", "user_id", "user_name", "object_type",
        "content_type", "object_id", "object_title", "page_id", "action", "affected_user_id",
        "affected_username", "group_id", "diff", "revision_id", "source", "log_entry_model",
        "log_entry_id", "uuid", "repeat_count",
    ]  # fmt: skip
    assert len(rows) == 5
    assert {row["user_name"] for row in rows} == {"editor"}
    assert "'=1+1" in {row["object_title"] for row in rows}
    assert any(
        json.loads(row["diff"] or "null") == {"changed": {"title": ["A", "B"]}} for row in rows
    )
    assert "wagtailcore.page" in {row["content_type"] for row in rows} or any(
        row["content_type"].startswith("testapp.") for row in rows
    )

    response = analyst_client.get(URL + "log/", {"export": "json", "q": "=1"})
    data = json.loads(b"".join(response.streaming_content))
    assert [item["object_title"] for item in data] == ["=1+1"]  # JSON is data, left as is

    response = analyst_client.get(URL + "log/", {"export": "xlsx", "user": editor.pk})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][9] == "object_title"
    assert "'=1+1" in [row[9] for row in values[1:]]
    assert len(values) == 6


def test_dashboard_export_has_the_daily_numbers(analyst_client, activity):
    response = analyst_client.get(URL, {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert content.splitlines()[0].startswith("Day,")
    assert len(content.splitlines()) == 15  # heading + 14 days


def test_periods_split_where_daylight_saving_changes(db, editor):
    """Paris moves from UTC+1 to UTC+2 at 01:00 UTC on 29 March 2026."""
    period = Period(datetime.date(2026, 3, 27), datetime.date(2026, 3, 31))
    segments = rollups.offset_segments(period.start, period.end)
    change = datetime.datetime(2026, 3, 29, 1, tzinfo=datetime.UTC)
    assert [(start, end, offset.seconds // 3600) for start, end, offset in segments] == [
        (datetime.datetime(2026, 3, 26, 23, tzinfo=datetime.UTC), change, 1),
        (change, datetime.datetime(2026, 3, 31, 22, tzinfo=datetime.UTC), 2),
    ]
    # 22:30 UTC on Monday 30 March is Tuesday 00:30 in summer time; 22:30 UTC on the 28th
    # (still winter time) is 23:30 on Saturday.
    event(editor, timestamp=datetime.datetime(2026, 3, 30, 22, 30, tzinfo=datetime.UTC))
    event(editor, timestamp=datetime.datetime(2026, 3, 28, 22, 30, tzinfo=datetime.UTC))
    daily, weekdays = daily_and_weekdays(period)
    assert weekdays == [0, 1, 0, 0, 0, 1, 0]
    assert daily["other"] == [0, 1, 0, 0, 1]
