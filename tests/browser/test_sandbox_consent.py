"""Consent insights' "done when", walked in a real browser on the sandbox (``make sandbox``):
its settings, its demo data and its demo tracker, real beacons to the real endpoint.

Accept, refuse, customise and withdraw each add exactly their counts and receipts; Global Privacy
Control and Escape count as refusals; the reference the visitor reads finds the receipt in the
admin, with the banner text the visitor saw. Then the Consent report and its measurement gap on the
demo data, in English and French, light and dark, pass axe (WCAG 2.1 AA).
"""

import json
import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.sandbox_server import SandboxServer
from tests.browser.utils import publish_to_docs


pytestmark = pytest.mark.browser

BANNER = "#wagtail-tracking-consent"
TOOL = "demo_stats"
# Headless Chromium names itself "HeadlessChrome", which the robot list ignores: look like a visitor.
VISITOR = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    server = SandboxServer(tmp_path_factory.mktemp("sandbox"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "user_agent": VISITOR}


class Walk:
    """One visitor path at a time: what it added to the counters and receipts."""

    def __init__(self, sandbox, page):
        self.sandbox, self.page = sandbox, page
        self.counts = sandbox.consent_counts()
        self.last_pk = sandbox.last_receipt_pk()

    def added(self) -> tuple[dict[str, int], list[dict]]:
        self.page.wait_for_timeout(500)  # sendBeacon is asynchronous
        counts = self.sandbox.consent_counts()
        delta = Counter(counts)
        delta.subtract(self.counts)
        receipts = self.sandbox.receipts_after(self.last_pk)
        self.counts, self.last_pk = counts, max([self.last_pk, *(r["pk"] for r in receipts)])
        return {key: n for key, n in delta.items() if n}, receipts


def visit(page, sandbox):
    page.context.clear_cookies()
    page.goto(sandbox.url + "/")
    page.evaluate("window.sessionStorage.clear()")
    page.reload()
    return page.locator(BANNER)


def test_every_visitor_path_counts_exactly_and_the_reference_finds_the_receipt(
    page, context, sandbox
):
    walk = Walk(sandbox, page)
    page.goto(sandbox.url + "/")
    banner = page.locator(BANNER)
    seen_title = banner.get_by_role("heading").first.inner_text().strip()
    banner.get_by_role("button", name="Accept all").click()
    counts, [accepted] = walk.added()
    assert counts == {"shown": 1, "accept": 1, f"tool_yes:{TOOL}": 1}
    assert (accepted["action"], json.loads(accepted["choices"])) == ("accept", {TOOL: True})

    # Withdrawal through the consent link, on another page of the visit: a change, a new receipt.
    page.reload()
    page.get_by_role("button", name="Cookie settings").first.click()
    reference = page.locator("[data-wagtail-tracking-receipt] code").inner_text()
    assert reference.replace("-", "") == accepted["id"]
    banner.get_by_role("button", name="Refuse all").click()
    counts, [withdrawn] = walk.added()
    assert counts == {"refuse": 1, "change": 1, f"tool_no:{TOOL}": 1}
    assert withdrawn["changed"] and withdrawn["id"] != accepted["id"]

    visit(page, sandbox).get_by_role("button", name="Refuse all").click()
    counts, [refused] = walk.added()
    assert counts == {"shown": 1, "refuse": 1, f"tool_no:{TOOL}": 1}
    assert json.loads(refused["choices"]) == {TOOL: False}

    banner = visit(page, sandbox)
    banner.get_by_role("button", name="Choose").click()
    banner.get_by_role("checkbox").first.check()
    banner.get_by_role("button", name="Save my choices").click()
    counts, [custom] = walk.added()
    assert counts == {"shown": 1, "custom": 1, f"tool_yes:{TOOL}": 1}
    assert custom["action"] == "custom"

    visit(page, sandbox).focus()
    page.keyboard.press("Escape")
    counts, [closed] = walk.added()
    assert counts == {"shown": 1, "close": 1, "refuse": 1, f"tool_no:{TOOL}": 1}
    assert closed["action"] == "close"

    check_receipt_in_admin(page, sandbox, reference, seen_title)


def test_global_privacy_control_is_one_refusal_per_visit(page, sandbox):
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"
    )
    walk = Walk(sandbox, page)
    page.goto(sandbox.url + "/")
    assert not page.locator(BANNER).is_visible()
    page.reload()
    counts, receipts = walk.added()
    assert counts == {"signal": 1, "refuse": 1}
    assert receipts == []


def log_in(page, sandbox):
    page.goto(sandbox.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "changeme")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def check_receipt_in_admin(page, sandbox, reference, seen_title):
    """The visitor quotes their reference; the admin finds it, with what the banner said."""
    page.context.clear_cookies()
    log_in(page, sandbox)
    page.goto(sandbox.url + "/admin/analytics/consent/receipts/")
    page.locator("form.w-slim-header__search-form input[name=q]").fill(reference)
    page.keyboard.press("Enter")
    expect(page.locator("table.listing tbody tr")).to_have_count(1)  # the search swaps them in
    link = page.locator(f"table.listing a[href$='/consent/receipts/{reference.replace('-', '')}/']")
    link.click()
    page.wait_for_load_state("networkidle")
    body = page.locator("main").inner_text()
    assert reference.replace("-", "") in body
    assert seen_title in body
    assert "Accept all" in body
    assert "Demo statistics (local stub)" in body
    page.set_viewport_size({"width": 1280, "height": 1400})  # the admin scrolls inside
    assert axe_violations(page) == []
    path = sandbox.database.parent / "consent-receipt.png"
    page.screenshot(path=str(path), full_page=True)
    publish_to_docs(path)


@pytest.mark.parametrize(
    ("language", "theme", "image"),
    [
        ("en", "light", "report-consent"),
        ("en", "dark", "report-consent-dark"),
        ("fr", "light", "report-consent-fr"),
        ("fr", "dark", None),
    ],
)
def test_the_consent_report_on_the_demo_data(page, sandbox, language, theme, image):
    sandbox.set_admin_profile(preferred_language=language, theme=theme)
    try:
        log_in(page, sandbox)
        page.set_viewport_size({"width": 1280, "height": 1500})  # the admin scrolls inside
        response = page.goto(sandbox.url + "/admin/analytics/consent/?period=30d")
        assert response.status == 200
        page.wait_for_load_state("networkidle")
        text = page.locator("main").inner_text()
        # The measurement gap: what the tool needing consent could see of the page views.
        gap = "pages vues" if language == "fr" else "page views"
        assert gap in text
        assert re.search(r"\d+\s?%", text), text
        assert axe_violations(page) == []
        if image:
            path = sandbox.database.parent / f"{image}.png"
            page.screenshot(path=str(path), full_page=True)
            publish_to_docs(path)
    finally:
        sandbox.set_admin_profile(preferred_language="", theme="system")
