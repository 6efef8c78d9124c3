"""The 30-day usage panels in a real browser: on the page editor's Promote tab and on the
document edit screen, chart drawn, no console errors, no CSP violations."""

import pytest

from tests.browser.utils import log_in_as_admin


pytestmark = pytest.mark.browser


def test_usage_panels_on_the_page_editor_and_the_document_screen(
    page, browser_log, test_server, screenshot
):
    ids = test_server.scenario("usage_panels")
    page.set_viewport_size({"width": 1400, "height": 1000})
    log_in_as_admin(page, test_server)

    response = page.goto(f"{test_server.url}/admin/pages/{ids['page_id']}/edit/")
    assert response.status == 200
    panel = page.locator(".wt-usage-panel")
    assert not panel.is_visible()  # on the Promote tab
    page.get_by_role("tab", name="Promote").click()
    assert panel.is_visible()
    assert page.get_by_text("Usage over the last 30 days").is_visible()
    assert panel.locator(".wt-figure__value").inner_text() == str(ids["total"])
    assert panel.locator("svg polyline").count() == 1
    assert panel.locator("svg circle").count() == 30
    panel.scroll_into_view_if_needed()
    screenshot("usage-panel-page")

    response = page.goto(f"{test_server.url}/admin/documents/edit/{ids['document_id']}/")
    assert response.status == 200
    panel = page.locator(".wt-usage-panel")
    assert panel.is_visible()
    assert panel.locator(".wt-figure__value").inner_text() == str(ids["total"])
    panel.scroll_into_view_if_needed()
    screenshot("usage-panel-document")
    panel.get_by_role("link", name="Open in the Usage report").click()
    page.wait_for_url("**/analytics/usage/documents/**")
    assert page.locator("table.listing tbody tr").count() == 1

    # The admin home page's upgrade check may log its error about the harness's stub late.
    errors = [e for e in browser_log.console_errors if "releases.wagtail.org" not in e]
    assert errors == []
    assert browser_log.csp_violations == []
