"""Real-browser fixtures: Debian's Chromium, driven by Playwright, against a real server process.

The server is ``runserver`` on the test settings and a SQLite database of its own, started once per
session. Tests prepare its data through named scenarios (``tests/testapp/scenarios.py``).

Every request to a host other than the test server is answered by a local stub and recorded in
``browser_log.external_requests``, so nothing leaves the machine and tests can assert exactly what
a tracker would have sent. Console errors and Content Security Policy violations are recorded too.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.utils import free_port, wait_until_listening


ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTEFACTS = ROOT / "test-artefacts"

# Playwright's sync API keeps an event loop running in the main thread once a browser test has
# run; Django would then refuse every later database query of the session as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason="Chromium is not installed: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


class TestServer:
    """A ``runserver`` process on 127.0.0.1 with its own freshly migrated SQLite database."""

    def __init__(self, workdir: Path):
        self.database = workdir / "browser.sqlite3"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": f"sqlite:///{self.database}",
            "WAGTAIL_TRACKING_TEST_SCENARIOS": "1",
        }
        self.process = None

    def manage(self, *args):
        subprocess.run([sys.executable, "-m", "django", *args], env=self.env, cwd=ROOT, check=True)

    def migrated_template(self) -> Path:
        """A migrated database kept in build/, reused while no migration changes (saves ~20 s)."""
        import wagtail

        digest = hashlib.sha256(wagtail.__version__.encode())
        for folder in ("wagtail_tracking/migrations", "tests/testapp/migrations"):
            for path in sorted((ROOT / folder).glob("*.py")):
                digest.update(path.read_bytes())
        template = ROOT / "build" / f"browser-template-{digest.hexdigest()[:16]}.sqlite3"
        if not template.exists():
            self.manage("migrate", "--verbosity", "0")
            template.parent.mkdir(exist_ok=True)
            shutil.copyfile(self.database, template)
        return template

    def start(self):
        shutil.copyfile(self.migrated_template(), self.database)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "django",
                "runserver",
                f"127.0.0.1:{self.port}",
                "--noreload",
                "--insecure",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_listening(self.port, 30, "the test server")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)

    def scenario(self, name: str, **params) -> dict:
        """Apply a named scenario in the server's process and return what it reports."""
        request = urllib.request.Request(
            f"{self.url}/__scenario__/{name}/", data=json.dumps(params).encode(), method="POST"
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)


@pytest.fixture(scope="session")
def test_server(tmp_path_factory):
    server = TestServer(tmp_path_factory.mktemp("browser-server"))
    server.start()
    yield server
    server.stop()


@dataclass
class BrowserLog:
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    bodies: list[tuple[str, str | None]] = field(default_factory=list)  # (url, POST body)

    def requests_to(self, host: str) -> list[str]:
        return [url for url in self.external_requests if urlsplit(url).hostname == host]


CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def browser_log(page, test_server):
    """Route external requests to stubs and record them, with console errors and CSP violations."""
    log = BrowserLog()
    own_host = urlsplit(test_server.url).netloc

    def handle(route):
        url = route.request.url
        if urlsplit(url).netloc == own_host:
            route.continue_()
            return
        log.external_requests.append(url)
        log.bodies.append((url, route.request.post_data))
        if urlsplit(url).path.endswith(".js"):
            route.fulfill(status=200, content_type="application/javascript", body="")
        else:
            route.fulfill(status=204, body="")

    def on_console(message):
        if message.type == "error":
            text = message.text
            bucket = log.csp_violations if text.startswith("CSP violation") else log.console_errors
            bucket.append(text)

    page.route("**/*", handle)
    page.on("console", on_console)
    page.add_init_script(CSP_LISTENER)
    return log


@pytest.fixture
def screenshot(page):
    """Save a screenshot under test-artefacts/ (the README links some)."""

    def take(name: str, **kwargs) -> Path:
        ARTEFACTS.mkdir(exist_ok=True)
        path = ARTEFACTS / f"{name}.png"
        page.screenshot(path=str(path), **kwargs)
        return path

    return take
