"""The browser harness itself: a served page under the strict CSP, with nothing leaving the machine."""

import pytest


pytestmark = pytest.mark.browser


@pytest.fixture
def home_url(test_server):
    test_server.scenario("home", port=test_server.port)
    return test_server.url + "/"


def test_page_renders_under_strict_csp_without_errors(page, browser_log, home_url):
    response = page.goto(home_url)
    assert response.status == 200
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    assert page.locator("h1").inner_text() == "Home"
    assert browser_log.console_errors == []
    assert browser_log.csp_violations == []
    assert browser_log.external_requests == []


def test_inline_script_without_nonce_is_reported(page, browser_log, home_url):
    """Proves the CSP listener works, so an empty violation list elsewhere means something."""
    page.goto(home_url)
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = '1'; document.body.append(s); }"
    )
    page.wait_for_timeout(100)
    assert browser_log.csp_violations
    assert "script-src" in browser_log.csp_violations[0]


def test_external_requests_are_stubbed_and_recorded(page, browser_log, home_url):
    page.goto(home_url)
    page.evaluate("() => fetch('https://www.googletagmanager.com/gtag/js?id=G-TEST123')")
    page.wait_for_timeout(100)
    assert browser_log.requests_to("www.googletagmanager.com") == [
        "https://www.googletagmanager.com/gtag/js?id=G-TEST123"
    ]
