import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.reports.utils import count
from wagtail_tracking.models import ConsentCount


pytestmark = pytest.mark.django_db
URL = "/admin/analytics/consent/"


def consent(site, event, n, days_ago=0, tool=""):
    ConsentCount.objects.create(
        day=timezone.localdate() - datetime.timedelta(days=days_ago),
        site=site,
        event=event,
        tool=tool,
        count=n,
    )


@pytest.fixture
def answers(site, home_page):
    consent(site, "shown", 100)
    consent(site, "shown", 50, days_ago=20)  # previous period
    consent(site, "accept", 30)
    consent(site, "refuse", 50)
    consent(site, "close", 10)
    consent(site, "custom", 10)
    consent(site, "tool_yes", 40, tool="ga4")
    consent(site, "tool_no", 60, tool="ga4")
    count(site, "page", 0, 1000, object_id=home_page.pk)


def test_permission(client, editor):
    client.force_login(editor)
    for url in (URL, URL + "results/", URL + "?export=csv"):
        assert client.get(url)["Location"] == reverse("wagtailadmin_home")


def test_menu_item(analyst_client):
    assert b"/admin/analytics/consent/" in analyst_client.get(reverse("wagtailadmin_home")).content


def test_figures_tools_and_measurement_gap(analyst_client, answers):
    response = analyst_client.get(URL)
    assert response.status_code == 200
    figures = {f.label: (f.current, f.previous) for f in response.context["figures"]}
    assert figures["Banner shown"] == (100, 50)
    assert figures["Accepted all"] == (30, 0)
    assert figures["Refused all"] == (50, 0)
    assert figures["Custom choice"] == (10, 0)
    [tool] = response.context["tools"]
    assert tool["name"] == "Google Analytics 4"
    assert tool["rate"] == 40
    assert tool["seen_percent"] == 40  # 40 acceptances over 100 visitors asked
    assert tool["seen_views"] == 400
    assert "about 40 % (400 of 1,000 page views)" in response.content.decode()


def test_site_filter_and_export(analyst_client, answers, other_site):
    consent(other_site, "shown", 7)
    response = analyst_client.get(URL, {"site": other_site.pk})
    figures = {f.label: f.current for f in response.context["figures"]}
    assert figures["Banner shown"] == 7
    export = analyst_client.get(URL, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0] == ["Day", "Banner shown", "Accepted all", "Refused all", "Custom choice"]
    assert sum(int(row[1]) for row in rows[1:]) == 107
    assert len(rows) == 15


def test_empty_and_bad_dates(analyst_client):
    response = analyst_client.get(URL, {"date_from": "2026-13-45"})
    assert response.status_code == 200
    assert "No choice was recorded in this period." in response.content.decode()


def test_home_panel_key_figure(analyst_client, answers):
    page = analyst_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Consent banner, last 14 days" in page
    assert "30 % of the visitors shown the banner accepted all tools." in page


def test_no_home_panel_without_answers_or_permission(client, analyst_client, editor, site):
    assert "Consent banner" not in analyst_client.get(reverse("wagtailadmin_home")).content.decode()
    consent(site, "shown", 1)
    client.force_login(editor)
    assert "Consent banner" not in client.get(reverse("wagtailadmin_home")).content.decode()
