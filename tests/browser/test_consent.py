"""The consent banner in a real browser, for every provider and consent mode.

Each vendor script is answered by a tiny fake (``FAKES``) that behaves like the vendor's for what
matters here: it sends one request to the vendor's host per page view, sets the vendor's cookie
(for Google's tag only once ``analytics_storage`` is granted), and its API accepts the loader's
calls. So "the script loads once" and "the page view is sent once" are counted requests.
"""

import time
from urllib.parse import urlsplit

import pytest


pytestmark = pytest.mark.browser

BANNER = "#wagtail-tracking-consent"

# The site's own copy of a vendor script (XiTi's xtcore.js), uploaded by an editor.
UPLOADED = "uploaded"
# What the uploaded fake xtcore.js does: one hit to the XTSD server per page, the xtvrn cookie.
XTCORE = (
    "/* xtcore fake */ document.cookie = 'xtvrn=$1$; Path=/; Max-Age=3600';"
    " new Image().src = window.xtsd + '.xiti.com/collect?pv=1';"
)

# (slug, mode, settings fields, script host, beacon host, cookie the fake sets)
CASES = [
    (
        "ga4",
        "require",
        {"ga4_measurement_id": "G-TEST123"},
        "www.googletagmanager.com",
        "region1.google-analytics.com",
        "_ga",
    ),
    (
        "ga4",
        "consent_mode",
        {"ga4_measurement_id": "G-TEST123"},
        "www.googletagmanager.com",
        "region1.google-analytics.com",
        "_ga",
    ),
    (
        "ua",
        "require",
        {"ua_tracking_id": "UA-12345-1"},
        "www.google-analytics.com",
        "www.google-analytics.com",
        "_ga",
    ),
    (
        "matomo",
        "require",
        {"matomo_url": "https://analytics.example.com/", "matomo_site_id": "3"},
        "analytics.example.com",
        "analytics.example.com",
        "_pk_id.3.1fff",
    ),
    (
        "matomo",
        "exempt",
        {"matomo_url": "https://analytics.example.com/", "matomo_site_id": "3"},
        "analytics.example.com",
        "analytics.example.com",
        "_pk_id.3.1fff",
    ),
    (
        "piano",
        "require",
        {"piano_site_id": "123456", "piano_collect_domain": "https://abcdef.pa-cd.com"},
        "tag.aticdn.net",
        "abcdef.pa-cd.com",
        "pa_vid",
    ),
    (
        "piano",
        "exempt",
        {"piano_site_id": "123456", "piano_collect_domain": "https://abcdef.pa-cd.com"},
        "tag.aticdn.net",
        "abcdef.pa-cd.com",
        "pa_vid",
    ),
    (
        "smarttag",
        "require",
        {"smarttag_script_url": "https://tag.aticdn.net/123456/smarttag.js"},
        "tag.aticdn.net",
        "logs1.xiti.com",
        "atuserid",
    ),
    (
        "smarttag",
        "exempt",
        {"smarttag_script_url": "https://tag.aticdn.net/123456/smarttag.js"},
        "tag.aticdn.net",
        "logs1.xiti.com",
        "atuserid",
    ),
    (
        "eulerian",
        "require",
        {"eulerian_domain": "et1.eulerian.net"},
        "et1.eulerian.net",
        "et1.eulerian.net",
        "etuix",
    ),
    (
        "eulerian",
        "exempt",
        {"eulerian_domain": "et1.eulerian.net"},
        "et1.eulerian.net",
        "et1.eulerian.net",
        "etuix",
    ),
    (
        "xiti",
        "require",
        {"xiti_xtsd": "https://logs1406", "xiti_xtsite": "123456"},
        UPLOADED,
        "logs1406.xiti.com",
        "xtvrn",
    ),
    (
        "plausible",
        "require",
        {"plausible_script_id": "pa-TEST123"},
        "plausible.io",
        "plausible.io",
        None,
    ),
    (
        "umami",
        "require",
        {"umami_website_id": "94db1cb1-74f4-4a40-ad6c-962362670409"},
        "cloud.umami.is",
        "cloud.umami.is",
        None,
    ),
    # A hook provider with no JavaScript adapter (tests/thirdparty).
    (
        "goatcounter",
        "require",
        {"goatcounter_endpoint": "https://stats.example.com"},
        "stats.example.com",
        "stats.example.com",
        None,
    ),
]

COOKIE_JS = "if (COOKIE) { document.cookie = COOKIE + '=1; Path=/; Max-Age=3600'; }"
BEACON_JS = "new Image().src = 'https://' + BEACON + '/collect?pv=1';"

FAKES = {
    # Google's tag: reads the dataLayer queue, one hit per config, _ga only with analytics granted.
    "ga4": """
      var dl = (window.dataLayer = window.dataLayer || []);
      var state = (window.fakeConsentState = {});
      function run(a) {
        if (a[0] === 'consent') { Object.assign(state, a[2]); }
        if (state.analytics_storage === 'granted') { COOKIE_JS }
        if (a[0] === 'config') { BEACON_JS }
      }
      Array.prototype.forEach.call(dl, run);
      var push = dl.push;
      dl.push = function (a) { push.apply(dl, arguments); run(a); };
    """,
    "smarttag": """
      window.ATInternet = {Tracker: {Tag: function () {
        var calls = (window.fakeCalls = []);
        this.privacy = {
          setVisitorMode: function (a, b) { calls.push('mode:' + a + ':' + b); },
          setVisitorOptin: function () { calls.push('optin'); },
          setVisitorOptout: function () { calls.push('optout'); },
        };
        this.page = {set: function () {}};
        this.dispatch = function () { COOKIE_JS BEACON_JS };
      }}};
    """,
    "piano": """
      var calls = (window.fakeCalls = []);
      window.pa = {
        setConfigurations: function () {},
        sendEvent: function () { COOKIE_JS BEACON_JS },
        consent: {setMode: function (mode) { calls.push('mode:' + mode); }},
      };
    """,
}
GENERIC_FAKE = f"{COOKIE_JS} {BEACON_JS}"


def fake_script(slug, beacon_host, cookie):
    body = (
        FAKES.get(slug, GENERIC_FAKE)
        .replace("COOKIE_JS", COOKIE_JS)
        .replace("BEACON_JS", BEACON_JS)
    )
    return (
        f"(function () {{ var BEACON = {beacon_host!r}; var COOKIE = {cookie!r}; {body} }})();"
        if cookie
        else f"(function () {{ var BEACON = {beacon_host!r}; var COOKIE = null; {body} }})();"
    )


@pytest.fixture(autouse=True)
def _no_csp_violation(browser_log):
    """Every page of every test here runs under the strict CSP without a violation."""
    yield
    assert browser_log.csp_violations == []


@pytest.fixture
def site_url(test_server):
    test_server.scenario("home", port=test_server.port)
    yield test_server.url + "/"
    # The server is shared by the session: leave it without trackers for the other tests.
    test_server.scenario("trackers")


@pytest.fixture
def vendors(page, browser_log):
    """Answer vendor scripts with fakes (registered after browser_log's stubs, so they win)."""
    fakes = {}

    def handle(route):
        url = route.request.url
        parts = urlsplit(url)
        fake = fakes.get(parts.hostname)
        if fake is None or parts.path.startswith("/collect"):
            route.fallback()
            return
        browser_log.external_requests.append(url)
        route.fulfill(status=200, content_type="application/javascript", body=fake)

    page.route("**/*", handle)

    class Vendors:
        uploaded: list = []  # requests for uploaded vendor scripts, served by the site itself

        def __call__(self, slug, script_host, beacon_host, cookie):
            if script_host != UPLOADED:
                fakes[script_host] = fake_script(slug, beacon_host, cookie)

        def scripts(self, host):
            if host == UPLOADED:
                return list(self.uploaded)
            return scripts(browser_log, host)

        def clear(self):
            browser_log.external_requests.clear()
            self.uploaded.clear()

    vendors = Vendors()
    vendors.uploaded = []
    page.on(
        "request",
        lambda request: (
            "/media/wagtail_tracking/scripts/" in request.url
            and vendors.uploaded.append(request.url)
        ),
    )
    return vendors


def configure(test_server, slug, mode, fields, banner=None):
    test_server.scenario(
        "trackers",
        fields={f"{slug}_enabled": True, f"{slug}_consent_mode": mode, **fields},
        files={"xiti_script": XTCORE} if slug == "xiti" else {},
        banner=banner or {},
    )


def cookie_names(page):
    return {cookie["name"] for cookie in page.context.cookies()}


def scripts(log, host):
    return [url for url in log.requests_to(host) if not urlsplit(url).path.startswith("/collect")]


def beacons(log, host):
    return [url for url in log.requests_to(host) if urlsplit(url).path.startswith("/collect")]


def settle(page):
    page.wait_for_load_state("networkidle")


def count_after_wait(page, requests, expected):
    """Waits until ``expected`` requests have arrived, then a little longer to catch extra ones."""
    for _ in range(100):
        if len(requests()) >= expected:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)
    return len(requests())


@pytest.mark.parametrize(
    ("slug", "mode", "fields", "script_host", "beacon_host", "cookie"),
    CASES,
    ids=[f"{case[0]}-{case[1]}" for case in CASES],
)
def test_accept_then_withdraw(
    page,
    browser_log,
    vendors,
    test_server,
    site_url,
    slug,
    mode,
    fields,
    script_host,
    beacon_host,
    cookie,
):
    configure(test_server, slug, mode, fields)
    vendors(slug, script_host, beacon_host, cookie)
    page.goto(site_url)
    settle(page)
    banner = page.locator(BANNER)
    assert banner.is_visible()
    assert banner.get_attribute("role") == "dialog"

    # Before any choice.
    if mode == "require":
        assert vendors.scripts(script_host) == []
        assert browser_log.requests_to(beacon_host) == []
        assert cookie not in cookie_names(page)
    elif mode == "exempt":
        assert count_after_wait(page, lambda: beacons(browser_log, beacon_host), 1) == 1
        assert len(vendors.scripts(script_host)) == 1
    else:  # Google Consent Mode: loads with the four signals denied, sets no cookie.
        assert len(vendors.scripts(script_host)) == 1
        assert page.evaluate("window.fakeConsentState") == {
            "ad_storage": "denied",
            "ad_user_data": "denied",
            "ad_personalization": "denied",
            "analytics_storage": "denied",
        }
        assert cookie not in cookie_names(page)

    # Accept: loaded once, one page view; an already running tracker is upgraded in place.
    page.get_by_role("button", name="Accept all").click()
    expect_hidden(banner)
    assert count_after_wait(page, lambda: beacons(browser_log, beacon_host), 1) == 1
    assert len(vendors.scripts(script_host)) == 1
    if cookie:
        page.wait_for_function(f"document.cookie.indexOf({cookie + '='!r}) !== -1")
    if slug == "ga4":
        assert page.evaluate("window.fakeConsentState.analytics_storage") == "granted"
    if (slug, mode) == ("smarttag", "exempt"):
        assert page.evaluate("window.fakeCalls") == ["mode:cnil:exempt", "optin"]
    if (slug, mode) == ("piano", "exempt"):
        assert page.evaluate("window.fakeCalls") == ["mode:opt-in"]
    consent_cookie = next(
        c for c in page.context.cookies() if c["name"] == "wagtail_tracking_consent"
    )
    assert consent_cookie["sameSite"] == "Lax"
    assert consent_cookie["path"] == "/"
    assert 394 * 86400 < consent_cookie["expires"] - time.time() <= 395 * 86400

    # The next page starts the accepted tracker with the page, without asking again.
    vendors.clear()
    page.goto(site_url)
    settle(page)
    assert not banner.is_visible()
    assert count_after_wait(page, lambda: beacons(browser_log, beacon_host), 1) == 1
    assert len(vendors.scripts(script_host)) == 1

    # Withdraw from the footer link: cookies deleted, nothing more sent on this or the next page.
    page.get_by_role("button", name="Cookie settings").click()
    assert banner.is_visible()
    page.get_by_role("button", name="Refuse all").click()
    settle(page)
    if cookie:
        assert cookie not in cookie_names(page)
    vendors.clear()
    page.goto(site_url)
    settle(page)
    if mode == "consent_mode":
        assert page.evaluate("window.fakeConsentState.analytics_storage") == "denied"
        assert cookie not in cookie_names(page)
    else:
        assert vendors.scripts(script_host) == []
        assert browser_log.requests_to(beacon_host) == []
    assert browser_log.csp_violations == []
    assert browser_log.console_errors == []


def expect_hidden(locator):
    locator.wait_for(state="hidden")


def test_exempt_tracker_stops_on_opt_out_from_the_panel(
    page, browser_log, vendors, test_server, site_url
):
    configure(test_server, "matomo", "exempt", CASES[4][2])
    vendors("matomo", "analytics.example.com", "analytics.example.com", "_pk_id.3.1fff")
    page.goto(site_url)
    settle(page)
    assert "_pk_id.3.1fff" in cookie_names(page)
    page.get_by_role("button", name="Choose").click()
    box = page.get_by_role("checkbox", name="Matomo")
    assert not box.is_checked()  # runs under the exemption, but was never accepted
    box.check()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_role("button", name="Cookie settings").click()
    assert box.is_checked()
    box.uncheck()
    page.get_by_role("button", name="Save my choices").click()
    settle(page)
    assert "_pk_id.3.1fff" not in cookie_names(page)
    browser_log.external_requests.clear()
    page.goto(site_url)
    settle(page)
    assert browser_log.requests_to("analytics.example.com") == []
    assert browser_log.csp_violations == []


def test_global_privacy_control_refuses_everything(
    page, browser_log, vendors, test_server, site_url
):
    test_server.scenario(
        "trackers",
        fields={
            "matomo_enabled": True,
            "matomo_consent_mode": "exempt",
            **CASES[4][2],
            "ga4_enabled": True,
            "ga4_consent_mode": "require",
            "ga4_measurement_id": "G-TEST123",
        },
    )
    vendors("matomo", "analytics.example.com", "analytics.example.com", "_pk_id.3.1fff")
    vendors("ga4", "www.googletagmanager.com", "region1.google-analytics.com", "_ga")
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"
    )
    page.goto(site_url)
    settle(page)
    assert browser_log.external_requests == []
    assert not page.locator(BANNER).is_visible()
    assert page.get_by_role("button", name="Cookie settings").is_visible()
    assert page.evaluate("window.wagtailTracking.getConsent()") == {"ga4": False, "matomo": False}
    assert browser_log.csp_violations == []


def test_do_not_track_is_honoured_only_when_the_site_asks(
    page, browser_log, vendors, test_server, site_url
):
    fields = {"ga4_measurement_id": "G-TEST123"}
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'});"
    )
    configure(test_server, "ga4", "require", fields)
    page.goto(site_url)
    assert page.locator(BANNER).is_visible()
    configure(test_server, "ga4", "require", fields, banner={"honour_do_not_track": True})
    page.goto(site_url)
    settle(page)
    assert not page.locator(BANNER).is_visible()
    assert page.evaluate("window.wagtailTracking.getConsent()") == {"ga4": False}


def test_no_banner_when_no_tracker_needs_consent(page, browser_log, test_server, site_url):
    configure(test_server, "plausible", "none", {"plausible_script_id": "pa-TEST123"})
    page.goto(site_url)
    settle(page)
    assert page.locator(BANNER).count() == 0
    assert not page.get_by_role("button", name="Cookie settings").is_visible()
    assert len(browser_log.requests_to("plausible.io")) == 1


def test_asks_again_when_the_trackers_needing_consent_change(
    page, browser_log, test_server, site_url
):
    configure(test_server, "ga4", "require", {"ga4_measurement_id": "G-TEST123"})
    page.goto(site_url)
    page.get_by_role("button", name="Refuse all").click()
    page.goto(site_url)
    assert not page.locator(BANNER).is_visible()
    test_server.scenario(
        "trackers",
        fields={
            "ga4_enabled": True,
            "ga4_measurement_id": "G-TEST123",
            "umami_enabled": True,
            "umami_consent_mode": "require",
            "umami_website_id": "94db1cb1-74f4-4a40-ad6c-962362670409",
        },
    )
    page.goto(site_url)
    assert page.locator(BANNER).is_visible()


def test_keyboard_only(page, browser_log, vendors, test_server, site_url):
    configure(test_server, "ga4", "require", {"ga4_measurement_id": "G-TEST123"})
    vendors("ga4", "www.googletagmanager.com", "region1.google-analytics.com", "_ga")
    page.goto(site_url)
    banner = page.locator(BANNER)
    # The banner comes first in the page: the first Tab reaches it.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#wagtail-tracking-consent') !== null")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Refuse all"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Choose"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "ga4"
    page.keyboard.press("Space")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Save my choices":
            break
    page.keyboard.press("Enter")
    expect_hidden(banner)
    page.wait_for_function("document.cookie.indexOf('_ga=') !== -1")
    assert page.evaluate("window.wagtailTracking.getConsent()") == {"ga4": True}
    # Reopen from the footer link, close with Escape: the focus returns to the link.
    page.get_by_role("button", name="Cookie settings").focus()
    page.keyboard.press("Enter")
    assert banner.is_visible()
    assert page.evaluate("document.activeElement.id") == "wagtail-tracking-consent"
    page.keyboard.press("Escape")
    expect_hidden(banner)
    assert page.evaluate("document.activeElement.textContent") == "Cookie settings"
    assert len(scripts(browser_log, "www.googletagmanager.com")) == 1
    assert browser_log.csp_violations == []


@pytest.mark.parametrize(
    ("name", "width", "height"),
    [("desktop", 1280, 800), ("phone", 375, 740), ("zoom-200", 640, 400)],
)
def test_layout_and_screenshots(
    page, browser_log, test_server, site_url, screenshot, name, width, height
):
    test_server.scenario(
        "trackers",
        fields={
            "ga4_enabled": True,
            "ga4_consent_mode": "consent_mode",
            "ga4_measurement_id": "G-TEST123",
            "matomo_enabled": True,
            "matomo_consent_mode": "exempt",
            **CASES[4][2],
        },
        banner={"policy_url": "/cookies/"},
    )
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url)
    page.get_by_role("button", name="Choose").click()
    # Everything fits the width (no horizontal scrolling) and every button can be reached.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for label in ("Refuse all", "Accept all", "Save my choices"):
        button = page.get_by_role("button", name=label)
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    page.locator(BANNER).evaluate("element => element.scrollTo(0, 0)")
    screenshot(f"consent-banner-{name}")
    assert browser_log.csp_violations == []


def test_cookie_table_page(page, browser_log, test_server, site_url):
    configure(test_server, "matomo", "exempt", CASES[4][2])
    url = test_server.scenario("cookie_policy")["url"]
    page.goto(test_server.url + "/cookies/")
    table = page.locator("table.wagtail-tracking-cookie-table")
    assert "Matomo" in table.inner_text()
    assert "_pk_id*" in table.inner_text()
    assert "wagtail_tracking_consent" in table.inner_text()
    assert url


def test_withdrawal_deletes_cookies_on_the_parent_domain_too(
    page, browser_log, test_server, site_url
):
    """Served as www.example.test (proxied to the test server) so cookies can have a Domain."""
    configure(test_server, "ga4", "consent_mode", {"ga4_measurement_id": "G-TEST123"})
    server = urlsplit(test_server.url)
    origin = f"http://www.example.test:{server.port}"

    def proxy(route):
        url = route.request.url.replace(origin, test_server.url, 1)
        route.fulfill(response=route.fetch(url=url))

    page.route(f"{origin}/**", proxy)
    page.goto(origin + "/")
    page.evaluate(
        """() => {
        document.cookie = "_ga=GA1.2.3; Domain=example.test; Path=/";
        document.cookie = "_ga_TEST123=GS1.1; Domain=www.example.test; Path=/";
        document.cookie = "_gid=kept; Path=/";  // not a GA4 cookie: left alone
    }"""
    )
    assert {"_ga", "_ga_TEST123"} <= cookie_names(page)
    page.get_by_role("button", name="Refuse all").click()
    page.locator(BANNER).wait_for(state="hidden")
    names = cookie_names(page)
    assert "_ga" not in names
    assert "_ga_TEST123" not in names
    assert "_gid" in names
    assert "wagtail_tracking_consent" in names


CONTRAST = """(element) => {
    const rgb = (value) => value.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
    const luminance = (value) => {
        const [r, g, b] = rgb(value).map((c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const style = getComputedStyle(element);
    let background = style.backgroundColor;
    for (let node = element; rgb(background).length && background.startsWith("rgba(0, 0, 0, 0)");) {
        node = node.parentElement;
        background = getComputedStyle(node).backgroundColor;
    }
    const [light, dark] = [luminance(style.color), luminance(background)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
}"""


def test_contrast_and_site_overrides(page, browser_log, test_server, site_url):
    configure(test_server, "ga4", "require", {"ga4_measurement_id": "G-TEST123"})
    page.goto(site_url)
    page.get_by_role("button", name="Choose").click()
    for selector in (
        "#wagtail-tracking-consent-title",
        "#wagtail-tracking-consent-text p",
        ".wagtail-tracking-consent__details",
        '[data-wagtail-tracking-action="accept"]',
        '[data-wagtail-tracking-action="customise"]',
    ):
        assert page.locator(selector).first.evaluate(CONTRAST) >= 4.5, selector
    # A site sets the custom properties on :root, whatever the order of the stylesheets.
    page.add_style_tag(content=":root { --wagtail-tracking-accent: rgb(122, 31, 92); }")
    accept = page.locator('[data-wagtail-tracking-action="accept"]')
    assert accept.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(122, 31, 92)"
