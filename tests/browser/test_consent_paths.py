"""Every visitor path × consent mode × vendor of docs/consent-paths.md, in a real browser.

Piano Analytics runs its real SDK (``piano-analytics-js`` 6.17, installed from npm at test time);
Matomo, SmartTag, Eulerian and gtag.js run the stubs of ``vendor_stubs.py``, which reproduce the
behaviours of the real scripts that matter here. For each cell the test takes the path, then reads
what the vendor was told on that page and on the next one ("none": not loaded or stopped;
"exempt": the CNIL-exempt measure; "optin": measure with consent; "denied": Google's cookieless
pings; "optout": told to stop) and counts the page views it sent.
"""

import json
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from . import vendor_stubs


pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NPM_PREFIX = ROOT / "build" / "npm"
PIANO_SDK = NPM_PREFIX / "node_modules" / "piano-analytics-js" / "dist" / "browser"
PIANO_VERSION = "6.17"
BANNER = "#wagtail-tracking-consent"
THIRTEEN_MONTHS = 33696000  # seconds, the CNIL's limit for an exempt tracker's cookie


@pytest.fixture(scope="session")
def piano_sdk():
    """The real Piano Analytics SDK, installed once into build/npm (git-ignored)."""
    script = PIANO_SDK / "piano-analytics.js"
    installed = NPM_PREFIX / "node_modules" / "piano-analytics-js" / "package.json"
    if installed.exists() and json.loads(installed.read_text())["version"].startswith(
        PIANO_VERSION + "."
    ):
        return script.read_text()
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip(
            "npm is not installed: the real Piano SDK (piano-analytics-js) cannot be fetched"
        )
    result = subprocess.run(
        [
            npm,
            "install",
            "--no-save",
            "--prefix",
            str(NPM_PREFIX),
            f"piano-analytics-js@{PIANO_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode or not script.exists():
        pytest.skip(
            f"npm could not install piano-analytics-js@{PIANO_VERSION}: {result.stderr[-500:]}"
        )
    return script.read_text()


PIANO_FIELDS = {"piano_site_id": "123456", "piano_collect_domain": "https://abcdef.pa-cd.com"}
MATOMO_FIELDS = {"matomo_url": "https://analytics.example.com/", "matomo_site_id": "3"}

# name: (slug, settings fields, script host, stub or None for the real SDK, hit host, hit path,
#        cookie prefixes the vendor identifies visitors with)
VENDORS = {
    "piano": ("piano", PIANO_FIELDS, "tag.aticdn.net", None, "abcdef.pa-cd.com", "/", ("pa_vid",)),
    "matomo": (
        "matomo", MATOMO_FIELDS, "analytics.example.com", vendor_stubs.MATOMO,
        "analytics.example.com", "/matomo.php", ("_pk_id", "_pk_ses"),
    ),
    "matomo-cookieless": (
        "matomo", {**MATOMO_FIELDS, "matomo_disable_cookies": True}, "analytics.example.com",
        vendor_stubs.MATOMO, "analytics.example.com", "/matomo.php", ("_pk_id", "_pk_ses"),
    ),
    "smarttag": (
        "smarttag", {"smarttag_script_url": "https://tag.aticdn.net/123456/smarttag.js"},
        "tag.aticdn.net", vendor_stubs.SMARTTAG, "logs1.xiti.com", "/hit.xiti", ("atuserid",),
    ),
    "eulerian": (
        "eulerian", {"eulerian_domain": "et1.eulerian.net"}, "et1.eulerian.net",
        vendor_stubs.EULERIAN, "et1.eulerian.net", "/col/", ("etuix",),
    ),
    "ga4": (
        "ga4", {"ga4_measurement_id": "G-TEST123"}, "www.googletagmanager.com", vendor_stubs.GTAG,
        "region1.google-analytics.com", "/g/collect", ("_ga",),
    ),
}  # fmt: skip
MODES = {
    "piano": ("require", "exempt"),
    "matomo": ("require", "exempt"),
    "matomo-cookieless": ("require", "exempt"),
    "smarttag": ("require", "exempt"),
    "eulerian": ("require", "exempt"),
    "ga4": ("require", "consent_mode"),
}
PATHS = (
    "first-visit",
    "accept-all",
    "refuse-all",
    "close",
    "escape",
    "choose-untouched",
    "choose-ticked",
    "reopen-refuse",
    "reopen-untick",
    "reopen-close",
    "gpc",
    "dnt",
)
# What a tracker does before any choice, and once stopped, in each mode.
UNDECIDED = {"require": "none", "exempt": "exempt", "consent_mode": "denied"}
STOPPED = {"require": {"none"}, "exempt": {"none", "optout"}, "consent_mode": {"denied"}}


def expected(mode, path):
    """(states allowed on the path's page after it, state on the next page): docs/consent-paths.md."""
    undecided = {UNDECIDED[mode]}
    refused_next = "denied" if mode == "consent_mode" else "none"
    if path == "first-visit":
        return undecided, UNDECIDED[mode]
    if path in ("accept-all", "choose-ticked", "reopen-close"):
        return {"optin"}, "optin"
    if path in ("close", "escape", "choose-untouched"):
        # Not consent: what needs consent is refused, an exempt tracker stays exempt.
        return undecided, UNDECIDED[mode] if mode == "exempt" else refused_next
    if path in ("gpc", "dnt"):
        return ({"denied"} if mode == "consent_mode" else {"none"}), refused_next
    # refuse-all, reopen-refuse, reopen-untick
    return STOPPED[mode], refused_next


# Scripts with no consent switch measure the same way whether exempt or accepted: Matomo's exempt
# configuration (cookies capped at 13 months, no consent call) and Eulerian (exemption is an
# account setting). Accepting only stores the choice for them.
SAME_MEASURE = {
    ("matomo", "exempt"): {"optin": "exempt"},
    ("matomo-cookieless", "exempt"): {"optin": "exempt"},
    ("eulerian", "exempt"): {"optin": "measuring", "exempt": "measuring"},
    ("eulerian", "require"): {"optin": "measuring"},
}


def expected_for(name, mode, path):
    now, following = expected(mode, path)
    rename = SAME_MEASURE.get((name, mode), {})
    return {rename.get(state, state) for state in now}, rename.get(following, following)


CELLS = [
    pytest.param(vendor, mode, path, id=f"{vendor}-{mode}-{path}")
    for vendor, modes in MODES.items()
    for mode in modes
    for path in PATHS
]


class Vendor:
    """Serves the vendor's script and reads what the vendor was told."""

    def __init__(self, page, browser_log, name, piano_sdk):
        self.page = page
        self.log = browser_log
        (self.slug, self.fields, self.script_host, stub, self.hit_host, self.hit_path,
         self.cookies) = VENDORS[name]  # fmt: skip
        self.body = piano_sdk if stub is None else stub
        self.real = stub is None
        page.route(f"https://{self.script_host}/**", self.serve)

    def serve(self, route):
        parts = urlsplit(route.request.url)
        if not (parts.hostname == self.hit_host and parts.path.startswith(self.hit_path)):
            self.log.external_requests.append(route.request.url)
            route.fulfill(status=200, content_type="application/javascript", body=self.body)
        else:
            route.fallback()

    def hits(self):
        return [
            url
            for url in self.log.external_requests
            if urlsplit(url).hostname == self.hit_host
            and urlsplit(url).path.startswith(self.hit_path)
            and not (self.script_host == self.hit_host and urlsplit(url).path.endswith(".js"))
        ]

    def state(self):
        if self.real:
            return self.page.evaluate(
                """() => {
                    if (!window.pa || !window.pa.consent) { return 'none'; }
                    const mode = window.pa.consent.getMode();
                    return {'opt-in': 'optin', 'opt-out': 'optout', essential: 'exempt',
                            exempt: 'exempt'}[mode] || mode;
                }"""
            )
        return self.page.evaluate(
            "() => window.__vendor && window.__vendor.mode ? window.__vendor.mode() : 'none'"
        )

    def cookie_jar(self):
        return [
            cookie
            for cookie in self.page.context.cookies()
            if cookie["name"].startswith(self.cookies)
        ]


@pytest.fixture(scope="module")
def configured(test_server):
    """Configures the server for one (vendor, mode, banner) at a time; resets it at the end."""
    test_server.scenario("home", port=test_server.port)
    current = {}

    def configure(name, mode, banner):
        key = (name, mode, json.dumps(banner, sort_keys=True))
        if current.get("key") != key:
            slug, fields = VENDORS[name][:2]
            test_server.scenario(
                "trackers",
                fields={f"{slug}_enabled": True, f"{slug}_consent_mode": mode, **fields},
                banner=banner,
            )
            current["key"] = key

    yield configure
    test_server.scenario("trackers")


def settle(page, wait=400):
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(wait)


def take_path(page, vendor, mode, path):
    """The visitor's actions on the first page, from a fresh browser."""
    banner = page.locator(BANNER)
    box = page.locator(f'[data-wagtail-tracking-choice="{vendor.slug}"]')
    stops_by_reload = mode == "require" or vendor.slug == "eulerian"  # no way to stop it in place
    if path == "accept-all":
        page.get_by_role("button", name="Accept all").click()
    elif path == "refuse-all":
        reload = stops_by_reload and mode != "require"  # a require tracker has not started yet
        click_maybe_reloading(page, page.get_by_role("button", name="Refuse all"), reload)
    elif path == "close":
        page.get_by_role("button", name="Close (continue without accepting)").click()
    elif path == "escape":
        page.keyboard.press("Tab")  # the banner comes first: the visitor is in it
        page.keyboard.press("Escape")
    elif path in ("choose-untouched", "choose-ticked"):
        page.get_by_role("button", name="Choose").click()
        assert not box.is_checked()  # never shown as accepted without a yes
        if path == "choose-ticked":
            box.check()
        page.get_by_role("button", name="Save my choices").click()
    elif path.startswith("reopen-"):
        page.get_by_role("button", name="Accept all").click()
        settle(page)
        page.get_by_role("button", name="Cookie settings").click()
        assert box.is_checked()
        if path == "reopen-refuse":
            click_maybe_reloading(
                page, page.get_by_role("button", name="Refuse all"), stops_by_reload
            )
        elif path == "reopen-untick":
            box.uncheck()
            click_maybe_reloading(
                page, page.get_by_role("button", name="Save my choices"), stops_by_reload
            )
        else:
            page.get_by_role("button", name="Close (continue without accepting)").click()
    if path not in ("first-visit", "gpc", "dnt"):
        banner.wait_for(state="hidden")
    settle(page)


def click_maybe_reloading(page, button, reload):
    if reload:
        with page.expect_navigation():
            button.click()
    else:
        button.click()


@pytest.mark.parametrize(("name", "mode", "path"), CELLS)
def test_consent_path(page, browser_log, test_server, configured, piano_sdk, name, mode, path):
    banner_settings = {"honour_do_not_track": True} if path == "dnt" else {}
    configured(name, mode, banner_settings)
    vendor = Vendor(page, browser_log, name, piano_sdk)
    if path == "gpc":
        page.add_init_script(
            "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"
        )
    if path == "dnt":
        page.add_init_script(
            "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'});"
        )
    url = test_server.url + "/"
    page.goto(url)
    settle(page)
    before = vendor.state()
    hits_before = len(vendor.hits())
    banner_shown = page.locator(BANNER).is_visible()
    assert banner_shown == (path not in ("gpc", "dnt"))
    if path not in ("gpc", "dnt"):
        assert before == expected_for(name, mode, "first-visit")[1]
        assert hits_before == (0 if mode == "require" else 1)

    take_path(page, vendor, mode, path)
    now, following = expected_for(name, mode, path)
    assert vendor.state() in now
    # One page view for the page at most: an upgrade in place sends no second one.
    assert len(vendor.hits()) == first_page_hits(mode, path)
    if path in ("gpc", "dnt") and mode != "consent_mode":
        assert browser_log.requests_to(vendor.script_host) == []
    if following == "none" and "optin" not in now and name != "piano":
        assert vendor.cookie_jar() == []  # refused: its cookies are gone

    assert stored_choice(page, vendor.slug) == expected_stored(mode, path)

    # The next page: the stored choice (or signal) alone decides, without asking again.
    browser_log.external_requests.clear()
    browser_log.bodies.clear()
    page.goto(url)
    settle(page)
    assert page.locator(BANNER).is_visible() == (path == "first-visit")
    assert vendor.state() == following
    assert len(vendor.hits()) == (0 if following == "none" else 1)
    if following == "none":
        assert browser_log.requests_to(vendor.script_host) == []
    check_cookies(vendor, name, mode, following)
    check_piano_hits(vendor, browser_log, following)
    assert browser_log.csp_violations == []
    assert browser_log.console_errors == []


def stored_choice(page, slug):
    """The tracker's value in the consent cookie: "1", "0", "" (absent) or None (no cookie)."""
    for cookie in page.context.cookies():
        if cookie["name"] == "wagtail_tracking_consent":
            return parse_qs(unquote(cookie["value"])).get(slug, [""])[0]
    return None


def expected_stored(mode, path):
    if path in ("first-visit", "gpc", "dnt"):
        return None  # a signal is obeyed, not stored
    if path in ("accept-all", "choose-ticked", "reopen-close"):
        return "1"
    if path in ("close", "escape", "choose-untouched") and mode == "exempt":
        return ""  # neither accepted nor refused: the exemption goes on
    return "0"


def first_page_hits(mode, path):
    if mode == "consent_mode" or path.startswith("reopen-"):
        return 1
    if path in ("gpc", "dnt"):
        return 0
    if mode == "require":
        return 1 if path in ("accept-all", "choose-ticked") else 0
    return 1


def check_cookies(vendor, name, mode, state):
    jar = vendor.cookie_jar()
    if name == "matomo-cookieless":
        assert jar == []  # cookieless in every mode, consent or not
    elif state in ("none", "denied"):
        assert jar == []
    if name == "matomo" and state == "exempt":
        visitor = next(cookie for cookie in jar if cookie["name"].startswith("_pk_id"))
        assert visitor["expires"] - time.time() <= THIRTEEN_MONTHS


def check_piano_hits(vendor, browser_log, state):
    """The real SDK's hits say which privacy mode the visitor is in."""
    if not vendor.real or state == "none":
        return
    modes = set()
    for url, body in browser_log.bodies:
        if urlsplit(url).hostname != vendor.hit_host or not body:
            continue
        for event in json.loads(body).get("events", []):
            modes.add(event.get("data", {}).get("visitor_privacy_mode"))
    assert modes == {{"exempt": "exempt", "optin": "optin"}[state]}, modes


def test_matomo_exempt_cookie_is_not_renewed(page, browser_log, test_server, configured, piano_sdk):
    """The CNIL exemption caps the visitor cookie at 13 months from its creation, every visit."""
    configured("matomo", "exempt", {})
    vendor = Vendor(page, browser_log, "matomo", piano_sdk)
    created = int(time.time()) - 365 * 86400
    page.context.add_cookies(
        [
            {
                "name": "_pk_id.3.1fff",
                "value": f"0123456789abcdef.{created}.",
                "url": test_server.url,
            }
        ]
    )
    page.goto(test_server.url + "/")
    settle(page)
    assert len(vendor.hits()) == 1
    visitor = next(c for c in vendor.cookie_jar() if c["name"] == "_pk_id.3.1fff")
    assert visitor["value"].split(".")[1] == str(created)
    assert abs(visitor["expires"] - (created + THIRTEEN_MONTHS)) < 120


def test_piano_without_consent_mode(page, browser_log, test_server, configured, piano_sdk):
    """ "Needs no consent": no banner, the real SDK measures every visitor, GPC or not."""
    configured("piano", "none", {})
    vendor = Vendor(page, browser_log, "piano", piano_sdk)
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"
    )
    page.goto(test_server.url + "/")
    settle(page)
    assert page.locator(BANNER).count() == 0
    assert len(vendor.hits()) == 1
    assert browser_log.console_errors == []
    assert browser_log.csp_violations == []
