"""The banner stays readable whatever the host site's stylesheet does to its elements.

The hostile stylesheet is a dark theme with aggressive element rules for headings, paragraphs,
buttons, links and form controls (no ``!important``, as a site's theme would be). axe-core (through
axe-playwright-python, in Debian's Chromium) must find no violation in the banner, with its
per-tool choices open, on a plain site and on the hostile one.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_consent import CONTRAST


pytestmark = pytest.mark.browser

BANNER = "#wagtail-tracking-consent"

HOSTILE_CSS = """
html, body { background: #121212; color: #f5f5f5; font: 20px/1 Georgia, serif; }
section, div { color: #fafafa; text-transform: uppercase; letter-spacing: 0.2em; }
h2 { color: #fafafa; background: #121212; font-size: 3rem; margin: 3rem 0; padding: 1rem;
     text-shadow: 0 0 2px #000; }
p { color: #eeeeee; background: transparent; font-size: 1.3rem; margin: 2rem 0; opacity: 0.9; }
a { color: #ffffff; text-decoration: none; }
button { color: #ffffff; background: #f5f5f5; border: 0; padding: 2rem; font-size: 2rem;
         border-radius: 0; text-transform: uppercase; opacity: 0.8; }
label, legend { color: #f0f0f0; font-size: 0.6rem; }
ul, li { color: #dddddd; margin: 2rem; padding: 2rem; list-style: square; }
fieldset { border: 0; background: #1e1e1e; }
input { width: 3rem; height: 3rem; margin: 2rem; }
"""


@pytest.fixture
def banner_page(page, browser_log, test_server):
    test_server.scenario("home", port=test_server.port)
    test_server.scenario(
        "trackers",
        fields={
            "ga4_enabled": True,
            "ga4_consent_mode": "consent_mode",
            "ga4_measurement_id": "G-TEST123",
            "matomo_enabled": True,
            "matomo_consent_mode": "exempt",
            "matomo_url": "https://analytics.example.com/",
            "matomo_site_id": "3",
        },
        banner={"policy_url": "/cookies/"},
    )
    yield page
    test_server.scenario("trackers")


def axe_violations(page, context=BANNER):
    """axe's violations, and the contrast checks it could not decide (a text shadow or an opacity
    set by the site makes axe leave contrast "incomplete" rather than fail it)."""
    results = Axe().run(page, context=context).response
    undecided = [item for item in results["incomplete"] if item["id"] == "color-contrast"]
    return [
        f"{item['id']}: {[(node['target'], [c['message'] for c in node['any']]) for node in item['nodes']]}"
        for item in results["violations"] + undecided
    ]


@pytest.mark.parametrize("site", ["plain", "hostile"])
def test_banner_is_readable_on_any_site(banner_page, browser_log, test_server, screenshot, site):
    page = banner_page
    # Tall enough for the whole open banner: axe cannot judge the contrast of text scrolled away.
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.goto(test_server.url + "/")
    if site == "hostile":
        page.add_style_tag(content=HOSTILE_CSS)
    page.get_by_role("button", name="Choose").click()
    page.mouse.move(0, 0)  # no button left hovered (its hover filter hides its colours from axe)
    page.wait_for_timeout(200)
    assert axe_violations(page) == []
    for selector in (
        "#wagtail-tracking-consent-title",
        "#wagtail-tracking-consent-text p",
        "#wagtail-tracking-consent-text a",
        ".wagtail-tracking-consent__details",
        ".wagtail-tracking-consent__choices legend",
        ".wagtail-tracking-consent__tracker label",
        '[data-wagtail-tracking-action="accept"]',
        '[data-wagtail-tracking-action="refuse"]',
        '[data-wagtail-tracking-action="customise"]',
        '[data-wagtail-tracking-action="close"]',
    ):
        assert page.locator(selector).first.evaluate(CONTRAST) >= 4.5, selector
    # The site's element rules do not reach the banner's own text.
    title = page.locator("#wagtail-tracking-consent-title")
    assert title.evaluate("e => getComputedStyle(e).textTransform") == "none"
    assert title.evaluate("e => getComputedStyle(e).fontSize") == page.evaluate(
        "parseFloat(getComputedStyle(document.documentElement).fontSize) * 1.25 + 'px'"
    )
    page.locator(BANNER).evaluate("element => element.scrollTo(0, 0)")
    screenshot(f"consent-banner-{site}-site")
    assert browser_log.csp_violations == []


def test_own_reopen_button_only_where_the_site_has_no_link(banner_page, browser_log, test_server):
    """Withdrawing stays as easy as consenting on a page whose template forgot the link."""
    page = banner_page
    test_server.scenario("page_without_consent_link")
    reopen = page.locator("#wagtail-tracking-consent-reopen")
    page.goto(test_server.url + "/no-consent-link/")
    assert page.locator(BANNER).is_visible()
    assert not reopen.is_visible()  # not while the banner is open
    page.get_by_role("button", name="Accept all").click()
    reopen.wait_for(state="visible")
    page.add_style_tag(content=HOSTILE_CSS)
    assert reopen.evaluate(CONTRAST) >= 4.5
    assert axe_violations(page, context="#wagtail-tracking-consent-reopen") == []
    reopen.click()
    assert page.locator(BANNER).is_visible()
    assert page.get_by_role("checkbox", name="Matomo").is_checked()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "wagtail-tracking-consent-reopen"
    # The site's own link makes the banner's button unnecessary.
    page.goto(test_server.url + "/")
    assert page.get_by_role("button", name="Cookie settings").count() == 1
    assert not reopen.is_visible()
    assert browser_log.csp_violations == []
