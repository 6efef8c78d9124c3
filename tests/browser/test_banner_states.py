"""The visitor-facing banner in its three states, checked with axe-core (WCAG 2.1 A and AA).

States: open (first visit), choices open, closed (after a choice: the site's consent link, or the
banner's own reopen button on a page without it); at 375 and 1280 px, in the light and the dark
colour scheme, in English and French; and the cookie table page. One page per test walks every
state and both schemes (CI time). The docs' screenshots come from these runs
(``WAGTAIL_TRACKING_UPDATE_DOCS_IMAGES=1``).

Also the keyboard behaviour: "Choose" leaves once the choices are open, and closing the banner
gives the focus back to where it was before the banner took it.
"""

import re

import pytest

from tests.browser.axe import axe_violations
from tests.browser.utils import publish_to_docs


pytestmark = pytest.mark.browser

BANNER = "#wagtail-tracking-consent"
CHOOSE = '[data-wagtail-tracking-action="customise"]'
SAVE = '[data-wagtail-tracking-action="save"]'
REFUSE = '[data-wagtail-tracking-action="refuse"]'
CLOSE = '[data-wagtail-tracking-action="close"]'
HEIGHTS = {375: 740, 1280: 800}
# Three vendors, three recipients: Google, the site's Matomo, Piano (France).
TRACKERS = {
    "ga4_enabled": True,
    "ga4_consent_mode": "consent_mode",
    "ga4_measurement_id": "G-TEST123",
    "matomo_enabled": True,
    "matomo_consent_mode": "exempt",
    "matomo_url": "https://analytics.example.com/",
    "matomo_site_id": "3",
    "piano_enabled": True,
    "piano_consent_mode": "require",
    "piano_site_id": "123456",
    "piano_collect_domain": "https://abcdef.pa-cd.com",
}


@pytest.fixture
def banner_site(test_server):
    test_server.scenario("home", port=test_server.port)
    test_server.scenario("trackers", fields=TRACKERS, banner={"policy_url": "/cookies/"})
    test_server.scenario("cookie_policy")
    test_server.scenario("page_without_consent_link")
    yield test_server.url
    # The server is shared by the session: leave it without trackers for the other tests.
    test_server.scenario("trackers")


def focused(page, script="document.activeElement.id"):
    return page.evaluate(script)


def tab_to(page, text, most=8):
    """Press Tab until the control showing ``text`` has the focus."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if focused(page, "document.activeElement.textContent") == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", [375, 1280])
def test_banner_states_pass_axe(page, browser_log, banner_site, screenshot, width, language):
    page.set_viewport_size({"width": width, "height": HEIGHTS[width]})
    page.set_extra_http_headers({"Accept-Language": language})
    found: dict[str, list[str]] = {}

    def check(name, image=None, **screenshot_args):
        page.mouse.move(0, 0)  # no button left hovered (its hover filter hides its colours)
        page.wait_for_timeout(150)  # the buttons' colour transition
        # Nothing scrolls sideways, in any state.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        found[name] = axe_violations(page)
        if image and language == "en":
            publish_to_docs(screenshot(image, **screenshot_args))

    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.context.clear_cookies()
        suffix = "" if scheme == "light" else "-dark"
        page.goto(banner_site + "/")
        assert page.locator("html").get_attribute("lang") == language
        banner = page.locator(BANNER)
        assert banner.is_visible()
        check(f"{scheme} open", scheme == "light" and f"consent-banner-open-{width}")

        page.locator(CHOOSE).click()
        assert page.locator(SAVE).is_visible()
        # The first tool's recipient and policy link in view (the banner scrolls inside itself).
        page.locator(".wagtail-tracking-consent__choices").evaluate(
            "element => element.scrollIntoView({block: 'start'})"
        )
        check(f"{scheme} choices", f"consent-banner-choices-{width}{suffix}")
        if language == "fr":
            # French typography: typographic apostrophes, no breaking space before : ; ? !
            text = banner.inner_text()
            assert "'" not in text
            assert not re.search(r" [:;?!]", text), text

        page.locator(REFUSE).click()
        banner.wait_for(state="hidden")
        page.locator(".wagtail-tracking-consent-link").wait_for(state="visible")
        check(f"{scheme} closed", scheme == "light" and f"consent-banner-closed-{width}")

        page.goto(banner_site + "/no-consent-link/")
        page.locator(f"{BANNER}-reopen").wait_for(state="visible")
        check(f"{scheme} closed, own reopen button")

        if language == "en":
            page.goto(banner_site + "/cookies/")
            region = page.locator(".wagtail-tracking-cookie-table__scroll")
            assert "Google Ireland Ltd" in region.inner_text()
            # Readable without scrolling sideways, even inside its own box.
            assert region.evaluate("e => e.scrollWidth <= e.clientWidth")
            check(f"{scheme} cookie table", f"cookie-table-{width}{suffix}", full_page=True)

    failures = {name: lines for name, lines in found.items() if lines}
    assert not failures, "\n".join(
        f"{name}:\n  " + "\n  ".join(lines) for name, lines in failures.items()
    )
    assert browser_log.csp_violations == []


def test_choose_leaves_once_the_choices_are_open(page, browser_log, banner_site):
    page.goto(banner_site + "/")
    choose = page.locator(CHOOSE)
    tab_to(page, "Choose")
    page.keyboard.press("Enter")
    # Hidden, not merely disabled: gone from the page and from the keyboard order.
    assert choose.is_hidden()
    assert choose.get_attribute("hidden") is not None
    assert page.locator(SAVE).is_visible()
    # The focus moved into the choices, on the first tool's box.
    assert focused(page) == "wagtail-tracking-consent-ga4"
    # Tab moves on through the tools' boxes, then to "Save my choices".
    tab_to(page, "Save my choices")
    # Reopened from the site's link, the choices are open and "Choose" stays away.
    page.locator(REFUSE).click()
    page.get_by_role("button", name="Cookie settings").click()
    assert page.locator(SAVE).is_visible()
    assert choose.is_hidden()
    assert browser_log.csp_violations == []


def test_escape_gives_the_focus_back_to_where_it_was(page, browser_log, banner_site):
    page.goto(banner_site + "/")
    # A control of the site, focused before the visitor moves into the banner.
    page.evaluate(
        """() => {
        const button = document.createElement("button");
        button.id = "site-search";
        button.textContent = "Search";
        document.querySelector("h1").after(button);
    }"""
    )
    page.locator("#site-search").focus()
    page.locator(REFUSE).focus()
    page.keyboard.press("Escape")
    page.locator(BANNER).wait_for(state="hidden")
    assert focused(page) == "site-search"


def test_escape_without_earlier_focus_goes_to_the_start_of_the_page(page, browser_log, banner_site):
    page.goto(banner_site + "/")
    page.keyboard.press("Tab")  # the banner comes first: the first Tab reaches it
    assert focused(page, "document.activeElement.closest('#wagtail-tracking-consent') !== null")
    tab_to(page, "Refuse all")
    page.keyboard.press("Escape")
    page.locator(BANNER).wait_for(state="hidden")
    assert focused(page, "document.activeElement === document.body")
    assert focused(page, "getComputedStyle(document.body).outlineStyle") == "none"
    # The next Tab starts from the top of the page: the first control after the banner.
    page.keyboard.press("Tab")
    assert focused(page, "document.activeElement.textContent") == "Cookie settings"
    assert focused(page, "document.body.hasAttribute('tabindex')") is False


def test_close_button_gives_the_focus_back_to_the_opener(page, browser_log, banner_site):
    page.goto(banner_site + "/")
    page.locator(REFUSE).click()
    link = page.get_by_role("button", name="Cookie settings")
    link.focus()
    page.keyboard.press("Enter")
    assert page.locator(BANNER).is_visible()
    page.locator(CLOSE).click()
    page.locator(BANNER).wait_for(state="hidden")
    assert focused(page, "document.activeElement.textContent") == "Cookie settings"
    # Opened by the site's own script (no opener): the focus goes back to what had it.
    page.evaluate(
        """() => {
        const button = document.createElement("button");
        button.id = "site-privacy";
        button.textContent = "Privacy";
        document.querySelector("h1").after(button);
        button.focus();
        window.wagtailTrackingBanner.open();
    }"""
    )
    assert focused(page) == "wagtail-tracking-consent"
    page.locator(CLOSE).focus()
    page.keyboard.press("Enter")
    page.locator(BANNER).wait_for(state="hidden")
    assert focused(page) == "site-privacy"
    assert browser_log.csp_violations == []
