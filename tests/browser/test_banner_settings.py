"""Settings › Consent banner in a real browser: the live preview shows the banner as visitors see
it and follows what the editor types; it passes axe (WCAG 2.1 AA) in the light and dark themes."""

import pytest

from tests.browser.axe import axe_violations
from tests.browser.utils import log_in_as_admin, publish_to_docs


pytestmark = pytest.mark.browser

MATOMO = {
    "matomo_enabled": True,
    "matomo_consent_mode": "exempt",
    "matomo_url": "https://analytics.example.com/",
    "matomo_site_id": "3",
}


@pytest.fixture
def banner_screen(page, test_server):
    test_server.scenario("backoffice_activity", days=1)  # the "admin" account
    site = test_server.scenario("trackers", fields=MATOMO, banner={"policy_url": "/cookies/"})
    log_in_as_admin(page, test_server)
    yield f"{test_server.url}/admin/settings/wagtail_tracking/consentbannersettings/{site['site_id']}/"
    # The server is shared by the session: leave it without trackers or theme for the others.
    test_server.scenario("trackers")
    test_server.scenario("admin_theme", theme="system")


def test_the_preview_follows_typing_and_passes_axe(page, banner_screen, test_server, screenshot):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(banner_screen)
    preview = page.get_by_role("group", name="Preview of the banner as visitors see it")
    heading = preview.locator(".wagtail-tracking-consent__title")  # Playwright pierces shadow roots
    assert heading.inner_text() == "Your privacy"
    assert preview.get_by_role("button", name="Refuse all").is_visible()
    assert preview.get_by_role("link", name="Read our cookie policy").get_attribute("href") == (
        "/cookies/"
    )
    page.get_by_label("Title", exact=True).fill("Cookies & <you>")
    page.get_by_label("Text", exact=True).fill("First paragraph.\n\nSecond <b>one</b>.")
    assert heading.inner_text() == "Cookies & <you>"  # text, never markup
    paragraphs = preview.locator(".wagtail-tracking-consent__text p")
    assert paragraphs.all_inner_texts()[:2] == ["First paragraph.", "Second <b>one</b>."]
    assert preview.get_by_role("link", name="Read our cookie policy").count() == 1
    page.get_by_label("Title", exact=True).fill("")
    assert heading.inner_text() == "Your privacy"  # an empty field shows the default again
    # A preview, not a dialog: nothing in it takes the keyboard focus.
    assert preview.get_by_role("dialog").count() == 0
    assert preview.locator("[tabindex='-1'][aria-disabled='true']").count() >= 5
    preview.scroll_into_view_if_needed()
    publish_to_docs(screenshot("settings-banner-preview", full_page=True))
    for theme in ("light", "dark"):
        test_server.scenario("admin_theme", theme=theme)
        page.reload()
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], theme


def test_the_preview_follows_a_languages_wording(page, banner_screen, test_server, screenshot):
    test_server.scenario("multilingual")
    try:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(banner_screen)
        preview = page.get_by_role("group", name="Preview of the banner as visitors see it")
        heading = preview.locator(".wagtail-tracking-consent__title")
        page.locator("#id_title").fill("Our privacy")
        page.get_by_role("button", name="Add wording").click()
        page.locator("select[name='wordings-0-locale']").select_option(label="French")
        refuse = page.locator("input[name='wordings-0-refuse_label']")
        refuse.fill("Non merci")
        caption = page.locator("#wt-banner-preview-caption")
        assert "Showing the wording for French." in caption.inner_text()
        assert preview.get_by_role("button", name="Non merci").count() == 1
        assert heading.inner_text() == "Our privacy"  # the default wording, as on the site
        # Once French is chosen, the row's empty fields show what they fall back to.
        assert page.locator("#id_wordings-0-title").get_attribute("placeholder") == "Our privacy"
        accept = page.locator("#id_wordings-0-accept_label")
        assert accept.get_attribute("placeholder") == "Tout accepter"
        assert preview.get_by_role("button", name="Tout accepter").count() == 1  # French default
        preview.scroll_into_view_if_needed()
        screenshot("settings-banner-languages", full_page=True)
        page.locator("#id_title").focus()
        assert "Showing the default wording." in caption.inner_text()
        assert preview.get_by_role("button", name="Refuse all").count() == 1
        assert axe_violations(page) == []
    finally:
        test_server.scenario("multilingual", enabled=False)
