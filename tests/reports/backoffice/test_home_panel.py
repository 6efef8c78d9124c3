"""The admin home panel: the last 7 days against the 7 before, linked to exactly that."""

import datetime

import pytest
from django.urls import reverse

from wagtail_tracking.periods import site_today
from wagtail_tracking.reports.backoffice.home_panel import BackofficeHomePanel

from .utils import URL, event


pytestmark = pytest.mark.django_db


def test_home_panel_compares_like_with_like_and_links_to_it(analyst_client, activity, editor):
    context = BackofficeHomePanel().get_context_data()
    period, previous = context["period"], context["previous_period"]
    today = site_today()
    assert (period.start, period.end) == (today - datetime.timedelta(days=6), today)
    assert previous.days == period.days == 7
    assert previous.end == period.start - datetime.timedelta(days=1)
    assert context["dashboard_url"] == URL + "?period=7d"
    dashboard = analyst_client.get(context["dashboard_url"]).context
    assert (dashboard["period"], dashboard["previous_period"]) == (period, previous)
    shown = {f.label: (f.current, f.previous) for f in dashboard["figures"]}
    assert {f.label: (f.current, f.previous) for f in context["figures"]} == shown
    home = analyst_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'href="/admin/analytics/back-office/?period=7d"' in home


def test_a_figure_from_nothing_is_new_not_plus_100(analyst_client, db, editor):
    event(editor, "wagtail.edit", 0)
    html = analyst_client.get(URL).content.decode()
    assert "wt-change--new" in html and "+100 %" not in html
