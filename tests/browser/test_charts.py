"""The report charts in a real browser: hiding series re-stacks and rescales, whole round steps,
value and date on hover and keyboard focus, readable at 375 px, an empty period said in words."""

import re

import pytest

from tests.browser.utils import log_in_as_admin, publish_to_docs


pytestmark = pytest.mark.browser
DAILY = "figure.wt-chart:has(#wt-backoffice-daily-title)"


def bars_of(page, key):
    return page.locator(f'{DAILY} g[data-series="{key}"] rect')


def scale_labels(page):
    return page.locator(f"{DAILY} [data-wt-chart-target=scale] text").all_text_contents()


def test_hiding_series_restacks_and_rescales(page, test_server, screenshot):
    test_server.scenario("backoffice_activity")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_as_admin(page, test_server)
    page.goto(test_server.url + "/admin/analytics/back-office/?period=30d")
    plot = page.locator(f"{DAILY} svg.wt-chart__svg")
    baseline = float(plot.get_attribute("data-scale-from"))
    top = float(plot.get_attribute("data-scale-to"))
    labels = scale_labels(page)
    assert all(re.fullmatch(r"\d+", label) for label in labels)  # whole numbers only
    keys = page.locator(f"{DAILY} .wt-chart__legend button").evaluate_all(
        "buttons => buttons.map(b => b.dataset.wtChartSeriesParam)"
    )
    assert len(keys) > 2
    # The smallest series alone: its bars stand on the baseline and fill the new scale.
    totals = {
        key: sum(
            map(int, bars_of(page, key).evaluate_all("bars => bars.map(b => b.dataset.value)"))
        )
        for key in keys
    }
    alone = min((key for key in keys if totals[key]), key=totals.get)
    for key in keys:
        if key != alone:
            page.locator(f'{DAILY} button[data-wt-chart-series-param="{key}"]').click()
    bars = bars_of(page, alone).evaluate_all(
        "bars => bars.map(b => [+b.getAttribute('y'), +b.getAttribute('height')])"
    )
    assert all(abs(y + height - baseline) < 0.2 for y, height in bars)
    highest = min(y for y, _ in bars)
    assert highest <= top + (baseline - top) / 2  # the tallest bar reaches the upper half
    new_labels = scale_labels(page)
    assert new_labels != labels and int(new_labels[-1]) < int(labels[-1])
    assert all(re.fullmatch(r"\d+", label) for label in new_labels)
    publish_to_docs(screenshot("chart-one-series-shown"))


def test_bars_and_points_show_value_and_date_on_focus(page, test_server, screenshot):
    test_server.scenario("backoffice_activity")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_as_admin(page, test_server)
    page.goto(test_server.url + "/admin/analytics/back-office/?period=30d")
    first = page.locator(f"{DAILY} [data-wt-chart-point][tabindex='0']")
    assert first.count() == 1  # one tab stop per chart
    first.focus()
    tooltip = page.locator(f"{DAILY} .wt-chart__tooltip")
    assert tooltip.is_visible()
    before = tooltip.inner_text()
    assert re.search(r", \d{2}/\d{2}/\d{4}: \d+$", before)  # series, date: value
    page.keyboard.press("ArrowRight")
    assert tooltip.inner_text() != before
    publish_to_docs(screenshot("chart-tooltip-keyboard"))
    page.keyboard.press("Escape")
    assert not tooltip.is_visible()
    bar = page.locator(f"{DAILY} [data-wt-chart-point]").nth(5)
    bar.hover()
    assert tooltip.inner_text() == bar.get_attribute("aria-label")


def test_data_table_is_a_disclosure(page, test_server):
    test_server.scenario("backoffice_activity")
    log_in_as_admin(page, test_server)
    page.goto(test_server.url + "/admin/analytics/back-office/?period=7d")
    summary = page.locator(f"{DAILY} summary")
    assert summary.evaluate("s => getComputedStyle(s).cursor") == "pointer"
    marker = summary.evaluate("s => getComputedStyle(s, '::before').borderLeftWidth")
    assert float(marker.removesuffix("px")) > 0  # the triangle
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(f"{DAILY} details").get_attribute("open") is not None
    rotated = summary.evaluate("s => getComputedStyle(s, '::before').transform")
    assert rotated != "none"


def test_empty_period_says_so(page, test_server, screenshot):
    test_server.scenario("backoffice_activity")
    log_in_as_admin(page, test_server)
    page.goto(
        test_server.url + "/admin/analytics/back-office/?date_from=2001-01-01&date_to=2001-01-07"
    )
    assert page.get_by_text("No activity in this period").first.is_visible()
    assert page.locator(f"{DAILY} svg.wt-chart__svg").count() == 0
    publish_to_docs(screenshot("chart-empty-period"))


@pytest.mark.parametrize(
    "url", ["/admin/analytics/back-office/?period=30d", "/admin/analytics/usage/"]
)
def test_charts_fit_a_phone(page, test_server, screenshot, url):
    test_server.scenario("backoffice_activity")
    test_server.scenario("usage_panels")
    page.set_viewport_size({"width": 375, "height": 800})
    log_in_as_admin(page, test_server)
    page.goto(test_server.url + url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    sizes = page.locator("figure.wt-chart svg text.wt-chart__tick").evaluate_all(
        """texts => texts.filter(t => t.getClientRects().length).map(t => {
            const svg = t.ownerSVGElement;
            const ratio = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(getComputedStyle(t).fontSize) * ratio;
        })"""
    )
    assert sizes and min(sizes) >= 11
    publish_to_docs(
        screenshot(f"chart-phone-{'usage' if 'usage' in url else 'backoffice'}", full_page=True)
    )
