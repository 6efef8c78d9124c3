"""Every admin screen the plugin adds, checked with axe-core (WCAG 2.1 A and AA) in the light and
the dark admin theme: zero violations. The docs' screenshots come from these runs."""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.axe import axe_violations
from tests.browser.utils import log_in_as_admin


pytestmark = pytest.mark.browser
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
TRACKERS = {
    "matomo_enabled": True,
    "matomo_consent_mode": "exempt",
    "matomo_url": "https://analytics.example.com/",
    "matomo_site_id": "3",
    "ga4_enabled": True,
    "ga4_consent_mode": "require",
    "ga4_measurement_id": "G-TEST123",
}


@pytest.fixture
def tour(page, browser_log, test_server, screenshot):
    """Log in, prepare data, and give a function that opens a screen and checks it with axe."""
    test_server.scenario("backoffice_activity")
    test_server.scenario("usage_panels")
    test_server.scenario("trackers", fields=TRACKERS, banner={"policy_url": "/cookies/"})
    ids = test_server.scenario("accessibility_ids")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_as_admin(page, test_server)
    found: dict[str, list[str]] = {}

    def check(name: str, image: str | None = None, context=None, **screenshot_args):
        page.wait_for_load_state("networkidle")
        found[name] = axe_violations(page, context)
        if image:
            path = screenshot(image, **screenshot_args)
            if os.environ.get("WAGTAIL_TRACKING_UPDATE_DOCS_IMAGES") == "1":
                shutil.copyfile(path, DOCS_IMAGES / f"{image}.png")

    def visit(name: str | None, url: str, image: str | None = None, **check_args):
        response = page.goto(test_server.url + url)
        assert response.status == 200, url
        if name:
            check(name, image, **check_args)

    yield ids, visit, check, found
    # The server is shared by the session: leave it without trackers for the other tests.
    test_server.scenario("trackers")
    failures = {name: lines for name, lines in found.items() if lines}
    assert not failures, "\n".join(
        f"{name}:\n  " + "\n  ".join(lines) for name, lines in failures.items()
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_admin_screen_passes_axe(page, test_server, tour, theme):
    ids, visit, check, found = tour
    test_server.scenario("admin_theme", theme=theme)
    suffix = "" if theme == "light" else "-dark"
    try:
        visit("home panel", "/admin/", f"admin-home-panel{suffix}")
        settings_url = (
            f"/admin/settings/wagtail_tracking/trackingprovidersettings/{ids['site_id']}/"
        )
        visit("settings", settings_url, f"settings-summary{suffix}", full_page=True)
        tabs = page.get_by_role("tab")
        for index in range(tabs.count()):
            tab = tabs.nth(index)
            label = tab.inner_text().strip()
            tab.click()
            check(f"settings tab {label}")
        page.get_by_role("tab").last.click()
        check("settings emitted HTML", f"settings-emitted-html{suffix}", full_page=True)
        banner_url = f"/admin/settings/wagtail_tracking/consentbannersettings/{ids['site_id']}/"
        visit("banner settings", banner_url, f"settings-banner{suffix}", full_page=True)

        reports = {
            "back-office dashboard": ("back-office/?period=30d", "report-backoffice"),
            "back-office users": ("back-office/users/", "report-backoffice-users"),
            "back-office pages": ("back-office/pages/", "report-backoffice-pages"),
            "back-office objects": ("back-office/objects/", "report-backoffice-objects"),
            "activity log": ("back-office/log/", "report-activity-log"),
            "user activity": (f"back-office/users/{ids['user_id']}/", "report-user-activity"),
            "event inspect": (f"back-office/log/{ids['event_id']}/", "report-event-inspect"),
            "usage": ("usage/", "report-usage"),
            "usage pages": ("usage/pages/", "report-usage-pages"),
            "usage documents": ("usage/documents/", "report-usage-documents"),
            "usage endpoints": ("usage/api/", "report-usage-endpoints"),
            "usage referrers": ("usage/referrers/", "report-usage-referrers"),
        }
        for name, (url, image) in reports.items():
            visit(name, f"/admin/analytics/{url}", f"{image}{suffix}", full_page=True)
        page.goto(test_server.url + "/admin/analytics/back-office/objects/")
        page.locator("table.listing a[href*='/back-office/objects/']").first.click()
        check("object history", f"report-object-history{suffix}", full_page=True)

        # In Wagtail's own editors, only the plugin's panel is the plugin's to answer for.
        visit(None, f"/admin/pages/{ids['page_id']}/edit/")
        page.get_by_role("tab", name="Promote").click()
        page.locator(".wt-usage-panel").scroll_into_view_if_needed()
        check("page usage panel", f"usage-panel-page{suffix}", context=".wt-usage-panel")
        visit(
            "document usage panel",
            f"/admin/documents/edit/{ids['document_id']}/",
            f"usage-panel-document{suffix}",
            context=".wt-usage-panel",
        )
    finally:
        test_server.scenario("admin_theme", theme="system")
