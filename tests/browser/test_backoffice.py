"""The back-office dashboard in a real browser: charts drawn, legend toggles, no errors."""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.browser.utils import log_in_as_admin


pytestmark = pytest.mark.browser
DOCS_IMAGE = Path(__file__).resolve().parents[2] / "docs" / "images" / "backoffice-dashboard.png"


def test_dashboard_renders_charts_and_toggles_a_legend_entry(
    page, browser_log, test_server, screenshot
):
    created = test_server.scenario("backoffice_activity")
    assert created["events"] > 50
    page.set_viewport_size({"width": 1400, "height": 1000})
    log_in_as_admin(page, test_server)
    assert page.locator(".wt-home-panel").count() == 1  # this week's figures on the home page
    # The home page's upgrade check hits the harness's stub of releases.wagtail.org and logs an
    # error about the stubbed answer; only the dashboard's own console is checked below.
    browser_log.console_errors.clear()

    response = page.goto(test_server.url + "/admin/analytics/back-office/?period=30d")
    assert response.status == 200
    assert page.locator(".wt-figure").count() == 4
    charts = page.locator("figure.wt-chart")
    assert charts.count() == 3
    assert page.locator("#wt-backoffice-daily-title ~ svg rect").count() > 10
    assert page.locator(".wt-top-table").count() == 3

    page_bars = page.locator('figure.wt-chart >> nth=0 >> g[data-series="page"]')
    assert page_bars.is_visible()
    legend = page.locator('figure.wt-chart >> nth=0 >> button[data-wt-chart-series-param="page"]')
    legend.click()
    assert legend.get_attribute("aria-pressed") == "false"
    assert not page_bars.is_visible()
    legend.click()
    assert page_bars.is_visible()

    path = screenshot("backoffice-dashboard", full_page=True)
    if os.environ.get("WAGTAIL_TRACKING_UPDATE_DOCS_IMAGES") == "1":  # refresh the README's image
        shutil.copyfile(path, DOCS_IMAGE)
    assert browser_log.console_errors == []
    assert browser_log.csp_violations == []

    # Wagtail's icon-button markup: the icon at its own size, not SVG's default 300 × 150.
    icon = page.locator(".wt-report a", has_text="See source data").locator("svg").bounding_box()
    assert icon["width"] <= 24 and icon["height"] <= 24
    page.click("text=See source data")
    page.wait_for_url("**/back-office/log/**")
    assert page.locator("table.listing tbody tr").count() > 10


def test_french_dashboard_axis_is_laid_out_like_the_english_one(page, test_server):
    # French writes decimals with a comma: SVG coordinates must not follow it ("95,1" is no number).
    test_server.scenario("backoffice_activity")
    test_server.scenario("admin_language", language="fr")
    try:
        log_in_as_admin(page, test_server)
        page.goto(test_server.url + "/admin/analytics/back-office/?period=7d")
        ticks = page.locator(
            "#wt-backoffice-daily-title ~ svg text.wt-chart__tick[text-anchor=middle]"
        )
        assert ticks.count() == 7
        # Compact French dates ("21 nov.") on the axis, the full date in the data table.
        assert all(re.fullmatch(r"\d{1,2} \S+", label) for label in ticks.all_text_contents())
        lefts = [tick.bounding_box()["x"] for tick in ticks.all()]
        assert lefts == sorted(lefts) and len(set(lefts)) == 7  # spread along the axis, in order
        first_day = page.locator("#wt-backoffice-daily-title ~ details tbody th").first
        assert re.fullmatch(r"\d\d/\d\d/\d{4}", first_day.text_content())
    finally:
        test_server.scenario("admin_language", language="")


def test_french_drill_downs_keep_the_period_at_every_step(page, browser_log, test_server):
    """Dashboard → top user → one event → back; dashboard → top page → its edit view."""
    test_server.scenario("backoffice_activity")
    test_server.scenario("admin_language", language="fr")
    try:
        log_in_as_admin(page, test_server)
        dashboard = test_server.url + "/admin/analytics/back-office/?period=7d"
        page.goto(dashboard)
        period = page.locator("select[name=period]")
        assert period.input_value() == "7d"

        top_users, top_pages = (
            page.locator(".wt-top-table").nth(0),
            page.locator(".wt-top-table").nth(1),
        )
        top_users.locator("tbody a").first.click()
        page.wait_for_url(re.compile(r"/back-office/users/\d+/\?period=7d"))
        assert page.locator("select[name=period]").input_value() == "7d"
        assert page.locator('a[href*="/back-office/?period=7d"]').count() >= 1  # breadcrumbs
        user_page = page.url

        page.locator('a[href*="/back-office/log/"]').first.click()
        page.wait_for_url(re.compile(r"/back-office/log/\d+/\?period=7d"))
        assert page.locator('a[href*="/back-office/?period=7d"]').count() >= 1  # breadcrumbs
        page.go_back()
        page.wait_for_url(user_page)
        assert page.locator("select[name=period]").input_value() == "7d"

        page.goto(dashboard)
        top_pages.locator("tbody a").first.click()
        page.wait_for_url(re.compile(r"/back-office/objects/\d+/\d+/\?period=7d"))
        assert page.locator("select[name=period]").input_value() == "7d"
        assert page.locator('a[href*="/back-office/?period=7d"]').count() >= 1
        edit = page.locator('a[href$="/edit/"][href*="/admin/pages/"]').first
        edit.click()
        page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
        assert page.locator("html").get_attribute("lang") == "fr"
    finally:
        test_server.scenario("admin_language", language="")
    errors = [e for e in browser_log.console_errors if "releases.wagtail.org" not in e]
    assert errors == [] and browser_log.csp_violations == []
