import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.reports.utils import count
from wagtail_tracking.usage.kinds import KINDS
from wagtail_tracking.usage.models import Audience


pytestmark = pytest.mark.django_db
URL = "/admin/analytics/usage/"
COMPARISON_HEADINGS_TEXT = ["This period", "Previous period", "Change (%)"]


@pytest.fixture
def usage(site, home_page):
    count(site, "page", 0, 5, object_id=home_page.pk)
    count(site, "page", 1, 3, audience=Audience.ADMIN, object_id=home_page.pk)
    count(site, "page", 20, 4, object_id=home_page.pk)  # previous period
    count(site, "page", 0, 2, object_id=999_999)  # a page deleted since
    count(site, "api", 2, 7, endpoint="pages/detail")
    count(site, "page", 0, 8, referrer="www.google.com")
    count(site, "page", 1, 2, referrer="=HYPERLINK(1)")  # hostile, but stored as text
    return home_page


def test_anonymous_users_go_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_editors_without_the_permission_are_denied(client, editor):
    client.force_login(editor)
    for url in (URL, URL + "pages/", URL + "results/", URL + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 302  # Wagtail's permission denied: back to the dashboard
        assert response["Location"] == reverse("wagtailadmin_home")


def test_menu_is_shown_only_with_the_permission(client, editor, analyst):
    client.force_login(editor)
    assert b"wagtail-tracking-analytics" not in client.get(reverse("wagtailadmin_home")).content
    client.force_login(analyst)
    home = client.get(reverse("wagtailadmin_home")).content
    assert b"wagtail-tracking-analytics" in home and b"/admin/analytics/usage/" in home


def test_dashboard_figures_chart_and_tops(analyst_client, usage):
    response = analyst_client.get(URL)
    assert response.status_code == 200
    context = response.context
    figures = {
        figure.label: (figure.current, figure.previous, figure.change)
        for figure in context["figures"]
    }
    assert figures == {
        "Page views": (10, 4, 150),
        "Downloads": (0, 0, None),
        "API calls": (7, 0, 100),
    }
    assert context["period"].days == 14
    chart = context["chart"]
    assert [series.total for series in chart.series] == [10, 0, 7]
    pages, documents, endpoints, referrers = context["tables"]
    assert [(row["label"], row["total"]) for row in pages["rows"]] == [
        ("Home", 8),
        ("Deleted page #999999", 2),
    ]
    assert endpoints["rows"][0]["label"] == "pages/detail"
    assert [row["label"] for row in referrers["rows"]] == ["www.google.com", "=HYPERLINK(1)"]
    html = response.content.decode()
    assert 'data-controller="wt-chart"' in html and "<svg" in html and "<table" in html
    assert "wagtail_tracking/js/charts.js" in html
    assert "<script>" not in html.split('id="listing-results"')[1]  # no inline script in the report


def test_dashboard_has_no_results_count(analyst_client, usage):
    # Wagtail shows "There are N matches" when filtering: here it would count the days.
    for url in (URL, URL + "results/"):
        html = analyst_client.get(
            url, {"period": "7d", "audience": Audience.ADMIN}
        ).content.decode()
        assert "matches" not in html and 'role="alert"' not in html
        assert "wt-chart" in html
    pages = analyst_client.get(URL + "pages/", {"period": "7d"}).content.decode()
    assert "There are 2 matches" in pages


def test_filters_by_audience_and_site(analyst_client, usage, other_site):
    count(other_site, "page", 0, 50, object_id=other_site.root_page_id)
    response = analyst_client.get(URL, {"audience": Audience.ADMIN})
    assert response.context["figures"][0].current == 3
    response = analyst_client.get(URL, {"site": other_site.pk})
    assert response.context["figures"][0].current == 50
    response = analyst_client.get(URL)
    assert response.context["figures"][0].current == 60


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2026-05-10", "date_to": "2026-05-01"},
        {"date_from": "not-a-date"},
        {"date_from": "1900-01-01", "date_to": "2026-01-01"},
        {"date_from": "1100-01-01"},  # a start alone is capped like a range
        {"date_from": "0001-01-01", "date_to": "0001-01-05"},
        {"date_from": "9999-12-25", "date_to": "9999-12-31"},
        {"period": "forever"},
        {"site": "abc", "audience": "9"},
    ],
)
def test_bad_dates_give_an_error_and_the_default_period(analyst_client, usage, params):
    for url in (URL, URL + "results/", URL + "pages/"):
        response = analyst_client.get(url, params)
        assert response.status_code == 200
        assert response.context["period"].days == 14
    if "date_from" in params:
        assert response.context["period_errors"]
        assert "Showing the default period instead." in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "1100-01-01"}, "Choose a period of at most five years."),
        ({"date_to": "9999-12-31"}, "Choose dates between the years 1970 and 2999."),
    ],
)
def test_the_period_error_says_what_is_wrong(analyst_client, usage, params, message):
    response = analyst_client.get(URL, params)
    assert response.context["period_errors"] == [message]


def test_presets_and_custom_dates(analyst_client, usage):
    assert analyst_client.get(URL, {"period": "7d"}).context["period"].days == 7
    assert analyst_client.get(URL, {"period": "90d"}).context["period"].days == 90
    year = analyst_client.get(URL, {"period": "year"}).context["period"]
    assert year.start == timezone.localdate().replace(month=1, day=1)
    custom = analyst_client.get(URL, {"date_from": "2026-01-01", "date_to": "2026-01-31"})
    period = custom.context["period"]
    assert (period.start, period.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    assert custom.context["previous_period"].end == datetime.date(2025, 12, 31)


def test_dashboard_export_has_the_chart_numbers(analyst_client, usage):
    response = analyst_client.get(URL, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Day", "Page views", "Downloads", "API calls"]
    assert len(rows) == 15
    assert sum(int(row[1]) for row in rows[1:]) == 10
    assert sum(int(row[3]) for row in rows[1:]) == 7


def test_show_more_pages_list_sort_search_and_export(analyst_client, usage):
    response = analyst_client.get(URL + "pages/")
    assert response.status_code == 200
    assert [row["title"] for row in response.context["object_list"]] == [
        "Home",
        "Deleted page #999999",
    ]
    response = analyst_client.get(URL + "pages/", {"ordering": "total"})
    assert [row["total"] for row in response.context["object_list"]] == [2, 8]
    response = analyst_client.get(URL + "pages/", {"q": "hom"})
    assert [row["title"] for row in response.context["object_list"]] == ["Home"]
    response = analyst_client.get(URL + "pages/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0] == ("Page ID", "Page", "This period", "Previous period", "Change (%)")
    assert values[1][1:] == ("Home", 8, 4, 100)


def test_exports_neutralise_spreadsheet_formulas(analyst_client, usage, home_page):
    home_page.title = "=SUM(A1:A9)"
    home_page.save_revision().publish()
    response = analyst_client.get(URL + "referrers/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(1)" in text
    response = analyst_client.get(URL + "pages/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "'=SUM(A1:A9)" in text
    response = analyst_client.get(URL + "pages/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[1] for row in sheet.values][1] == "'=SUM(A1:A9)"


def test_other_show_more_lists(analyst_client, usage):
    response = analyst_client.get(URL + "api/")
    assert [row["endpoint"] for row in response.context["object_list"]] == ["pages/detail"]
    response = analyst_client.get(URL + "referrers/", {"kind": "api"})
    assert list(response.context["object_list"]) == []
    response = analyst_client.get(URL + "documents/")
    assert response.status_code == 200 and "Nothing was counted" in response.content.decode()
    response = analyst_client.get(URL + "pages/results/")
    assert response.status_code == 200


def test_show_more_links_keep_the_filters(analyst_client, usage):
    response = analyst_client.get(URL, {"period": "30d", "audience": 1, "unrelated": "x"})
    urls = [table["show_more_url"] for table in response.context["tables"]]
    assert urls[0] == URL + "pages/?period=30d&audience=1"


def test_every_kind_has_its_list_under_the_report(analyst_client, usage):
    for kind in KINDS:
        url = reverse(f"wagtail_tracking_analytics:{kind.listing.url_name}")
        assert url == URL + kind.listing.path
        response = analyst_client.get(url, {"export": "csv"})
        heading = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert heading[-4:] == [str(kind.listing.heading), *COMPARISON_HEADINGS_TEXT]
        assert kind.listing.export_filename in response["Content-Disposition"]


def test_a_five_year_window_is_charted_by_month(analyst_client, usage):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=5 * 365)
    response = analyst_client.get(URL, {"date_from": str(start), "date_to": str(today)})
    chart = response.context["chart"]
    assert chart.title == "Monthly usage"
    assert len(chart.days) <= 62
    assert chart.series[0].total == 5 + 3 + 4 + 2  # every page view (object rows), none lost
