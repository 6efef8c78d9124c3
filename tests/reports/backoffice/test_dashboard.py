import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from wagtail_tracking.activity import rollups
from wagtail_tracking.models import ActivityEvent
from wagtail_tracking.periods import Period
from wagtail_tracking.reports.charts import axis_date
from wagtail_tracking.reports.presets import default_period

from .utils import URL, daily_and_weekdays, event


pytestmark = pytest.mark.django_db


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


def test_links_carry_the_filters_and_nothing_else(analyst_client, activity, site):
    params = {"period": "7d", "site": site.pk, "date_from": "", "export_to": "x"}
    response = analyst_client.get(URL, params)
    query = f"?period=7d&site={site.pk}"
    assert response.context["source_data_url"] == URL + "log/" + query
    assert response.context["top_users"]["show_more_url"] == URL + "users/" + query
    pages, objects = response.context["tables"]
    assert (pages["show_more_url"], objects["show_more_url"]) == (
        URL + "pages/" + query,
        URL + "objects/" + query,
    )
    assert analyst_client.get(URL).context["source_data_url"] == URL + "log/"


def test_a_long_window_is_charted_by_week(analyst_client, activity):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=200)
    response = analyst_client.get(URL, {"date_from": str(start), "date_to": str(today)})
    html = response.content.decode()
    assert "Actions per week, by object type" in html
