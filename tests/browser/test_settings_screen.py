"""Settings › Tracking in a real browser: the summary first, every tab visible (none cut), the
summary's links open a tracker's tab, and the Google Consent Mode v2 warning follows the choice."""

import pytest

from tests.browser.utils import log_in_as_admin, publish_to_docs


pytestmark = pytest.mark.browser


@pytest.fixture
def settings_screen(page, test_server):
    test_server.scenario("backoffice_activity")
    site = test_server.scenario(
        "trackers",
        fields={
            "matomo_enabled": True,
            "matomo_consent_mode": "exempt",
            "matomo_url": "https://analytics.example.com/",
            "matomo_site_id": "3",
        },
    )
    log_in_as_admin(page, test_server)
    yield f"{test_server.url}/admin/settings/wagtail_tracking/trackingprovidersettings/{site['site_id']}/"
    # The server is shared by the session: leave it without trackers for the other tests.
    test_server.scenario("trackers")


@pytest.mark.parametrize("width", [1280, 375])
def test_every_tab_is_shown_whole(page, settings_screen, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(settings_screen)
    tabs = page.get_by_role("tab")
    assert tabs.first.inner_text().strip() == "At a glance"
    right_edge = page.locator(".w-tabs__list").bounding_box()
    for tab in tabs.all():
        box = tab.bounding_box()
        assert box["x"] >= right_edge["x"] - 1
        assert box["x"] + box["width"] <= right_edge["x"] + right_edge["width"] + 1, (
            tab.inner_text()
        )
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    publish_to_docs(screenshot(f"settings-summary-{width}", full_page=True))


def test_the_summary_links_to_each_trackers_tab(page, settings_screen):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(settings_screen)
    row = page.locator('tr[data-tracker="matomo"]')
    assert "On" in row.text_content() and "CNIL exemption" in row.text_content()
    row.get_by_role("link", name="Matomo").click()
    assert page.locator("#tab-label-matomo").get_attribute("aria-selected") == "true"
    assert page.locator("#tab-matomo").is_visible()
    assert page.get_by_role("checkbox", name="Enable Matomo on this site").is_visible()


def test_choosing_google_consent_mode_shows_the_warning(page, settings_screen, screenshot):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(settings_screen)
    page.get_by_role("tab", name="Google Analytics 4").click()
    warning = page.locator('[data-wt-consent-mode-warning="ga4"]')
    assert not warning.is_visible()
    page.get_by_label("Google Consent Mode v2", exact=False).check()
    assert warning.is_visible()
    assert "loaded and contacted" in warning.inner_text()
    warning.scroll_into_view_if_needed()
    publish_to_docs(screenshot("settings-consent-mode-warning"))
    page.locator("#id_ga4_consent_mode_0").check()
    assert not warning.is_visible()


def test_an_uploaded_vendor_script_shows_its_facts(page, test_server, screenshot):
    """XiTi's xtcore.js, once uploaded: its name, size, upload date and SRI hash, with the remove
    and replace actions, on the tracker's tab (not Django's bare file input)."""
    test_server.scenario("backoffice_activity")  # the accounts
    site = test_server.scenario(
        "trackers",
        fields={
            "xiti_enabled": True,
            "xiti_consent_mode": "require",
            "xiti_xtsd": "https://logs1406",
            "xiti_xtsite": "123456",
        },
        files={"xiti_script": "/* xtcore */ window.xtcore = 1;"},
    )
    try:
        log_in_as_admin(page, test_server)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(
            f"{test_server.url}/admin/settings/wagtail_tracking/trackingprovidersettings/"
            f"{site['site_id']}/"
        )
        page.get_by_role("tab", name="XiTi", exact=False).first.click()
        facts = page.locator("#tab-xiti .wt-script-file")
        assert facts.is_visible()
        text = facts.inner_text()
        assert "xiti_script" in text and "bytes" in text and "sha384-" in text
        assert page.locator("#tab-xiti").get_by_label("Replace it with another file:").count() == 1
        assert facts.get_by_role("checkbox").count() == 1  # remove the file
        facts.scroll_into_view_if_needed()
        publish_to_docs(screenshot("settings-script-upload"))
    finally:
        test_server.scenario("trackers")
