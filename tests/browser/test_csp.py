"""The banner and the trackers under a strict nonce-only policy set by the site's CSP middleware.

Django 6's own middleware (with and without ``django.template.context_processors.csp``) and
django-csp 4 both hand out a lazy nonce that is falsy until read, and name it in the header only
if something read it: the page must read it, or the strict policy blocks every script of ours.
Each case runs its own server, with ``WAGTAIL_TRACKING_TEST_CSP`` choosing the middleware.
"""

import importlib.util
import os
import re

import django
import pytest

from . import conftest, vendor_stubs


pytestmark = pytest.mark.browser

CASES = [
    pytest.param("django", id="django6-with-context-processor"),
    pytest.param("django-bare", id="django6-without-context-processor"),
    pytest.param("django-csp", id="django-csp-4"),
]


@pytest.fixture(
    scope="module", params=[case.values[0] for case in CASES], ids=[case.id for case in CASES]
)
def csp_server(request, tmp_path_factory):
    kind = request.param
    if kind.startswith("django") and kind != "django-csp" and django.VERSION < (6, 0):
        pytest.skip(f"Django {django.get_version()} has no CSP middleware (Django 6.0+)")
    if kind == "django-csp" and importlib.util.find_spec("csp") is None:
        pytest.skip("django-csp is not installed (it is in the 'testing' extra)")
    server = conftest.TestServer(tmp_path_factory.mktemp(f"csp-{kind}"))
    server.env = {**server.env, "WAGTAIL_TRACKING_TEST_CSP": kind}
    server.start()
    server.scenario("home", port=server.port)
    server.scenario(
        "trackers",
        fields={
            "ga4_enabled": True,
            "ga4_consent_mode": "require",
            "ga4_measurement_id": "G-TEST123",
        },
    )
    yield server
    server.stop()


def test_strict_policy_banner_and_trackers(page, browser_log, csp_server):
    page.route(f"{csp_server.url}/**", lambda route: route.continue_())  # this server is ours too
    page.route(
        "https://www.googletagmanager.com/**",
        lambda route: route.fulfill(
            status=200, content_type="application/javascript", body=vendor_stubs.GTAG
        ),
    )
    response = page.goto(csp_server.url + "/")
    header = response.headers["content-security-policy"]
    nonces = re.findall(r"'nonce-([^']+)'", header)
    assert len(nonces) == 1, header  # the page read the lazy nonce, so the header names it
    assert "https:" not in header.split("script-src")[1].split(";")[0]  # nonce only, no hosts
    scripts = page.evaluate(
        "() => [...document.scripts].filter(s => s.src.includes('wagtail_tracking')).map(s => s.nonce)"
    )
    assert scripts and set(scripts) == {nonces[0]}  # every script of ours carries it
    banner = page.locator("#wagtail-tracking-consent")
    banner.wait_for(state="visible")
    assert page.evaluate("() => window.wagtailTracking.version") == 1

    page.get_by_role("button", name="Accept all").click()
    # Polled with evaluate(): wait_for_function() would eval() a string, which the policy forbids.
    for _ in range(100):
        if page.evaluate("() => Boolean(window.__vendor && window.__vendor.hits)"):
            break
        page.wait_for_timeout(50)
    assert page.evaluate("() => window.__vendor.hits") == 1
    assert page.evaluate("() => window.__vendor.mode()") == "optin"
    page.wait_for_load_state("networkidle")
    assert browser_log.csp_violations == []
    assert browser_log.console_errors == []
    assert os.environ.get("WAGTAIL_TRACKING_TEST_CSP") is None  # only the server's env changed
