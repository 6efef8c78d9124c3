"""Consent statistics and receipts from a real browser: each visitor path counts as documented."""

import re

import pytest


pytestmark = pytest.mark.browser

BANNER = "#wagtail-tracking-consent"
# Headless Chromium names itself "HeadlessChrome", which the robot list ignores: look like a visitor.
VISITOR = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
FIELDS = {
    "ga4_enabled": True,
    "ga4_consent_mode": "require",
    "ga4_measurement_id": "G-TEST123",
    "matomo_enabled": True,
    "matomo_consent_mode": "exempt",
    "matomo_url": "https://analytics.example.com/",
    "matomo_site_id": "3",
}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "user_agent": VISITOR}


@pytest.fixture
def site_url(test_server):
    test_server.scenario("home", port=test_server.port)
    test_server.scenario("trackers", fields=FIELDS)
    test_server.scenario("consent_insights", reset=True)
    yield test_server.url + "/"
    test_server.scenario("trackers")


def stored(test_server, page):
    page.wait_for_timeout(300)  # the beacon is sent asynchronously
    return test_server.scenario("consent_insights")


def test_accept_counts_and_the_receipt_is_shown_to_the_visitor(
    page, browser_log, test_server, site_url
):
    page.goto(site_url)
    page.locator(BANNER).get_by_role("button", name="Accept all").click()
    data = stored(test_server, page)
    assert data["counts"] == {"shown": 1, "accept": 1, "tool_yes:ga4": 1, "tool_yes:matomo": 1}
    [receipt] = data["receipts"]
    assert receipt["choices"] == {"ga4": True, "matomo": True}
    page.reload()  # a new page of the same visit: neither shown nor counted again
    page.get_by_role("button", name="Cookie settings").first.click()
    shown = page.locator("[data-wagtail-tracking-receipt]")
    assert shown.is_visible()
    reference = shown.locator("code").inner_text()
    assert re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{8}){3}", reference)
    assert reference.replace("-", "") == receipt["id"]
    # Withdraw through the panel: a change, with a new receipt.
    page.locator(BANNER).get_by_role("button", name="Refuse all").click()
    data = stored(test_server, page)
    assert data["counts"]["shown"] == 1
    assert data["counts"]["refuse"] == 1
    assert data["counts"]["change"] == 1
    assert data["counts"]["tool_no:ga4"] == 1
    assert [r["changed"] for r in data["receipts"]] == [False, True]
    assert data["receipts"][1]["id"] != receipt["id"]


def test_refuse_customise_and_escape(page, browser_log, test_server, site_url, context):
    page.goto(site_url)
    page.locator(BANNER).get_by_role("button", name="Refuse all").click()
    context.clear_cookies()
    page.goto(site_url)
    banner = page.locator(BANNER)
    banner.get_by_role("button", name="Choose").click()
    banner.get_by_role("checkbox", name="Matomo").check()
    banner.get_by_role("button", name="Save my choices").click()
    context.clear_cookies()
    page.goto(site_url)
    page.locator(BANNER).focus()
    page.keyboard.press("Escape")
    data = stored(test_server, page)
    counts = data["counts"]
    assert counts["shown"] == 1  # once per visit (the tab's session)
    assert counts["refuse"] == 2  # "Refuse all" and Escape, which is a refusal
    assert counts["close"] == 1
    assert counts["custom"] == 1
    assert counts["tool_no:ga4"] == 3
    assert counts["tool_yes:matomo"] == 1
    assert counts["tool_no:matomo"] == 1  # Escape leaves the exempt Matomo untouched
    assert [r["action"] for r in data["receipts"]] == ["refuse", "custom", "close"]
    assert data["receipts"][2]["choices"] == {"ga4": False}


def test_global_privacy_control_counts_one_refusal_per_visit(
    page, browser_log, test_server, site_url
):
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"
    )
    page.goto(site_url)
    page.reload()
    data = stored(test_server, page)
    assert data["counts"] == {"signal": 1, "refuse": 1}
    assert data["receipts"] == []
