"""Steps the browser tests share."""

import os
import shutil
import socket
import time
from pathlib import Path


def log_in_as_admin(page, test_server) -> None:
    """Sign in to the Wagtail admin as the scenarios' superuser."""
    page.goto(test_server.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "password")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def publish_to_docs(path) -> None:
    """Copy a screenshot to docs/images/ when WAGTAIL_TRACKING_UPDATE_DOCS_IMAGES=1."""
    if os.environ.get("WAGTAIL_TRACKING_UPDATE_DOCS_IMAGES") == "1":
        shutil.copyfile(path, Path(__file__).resolve().parents[2] / "docs" / "images" / path.name)


def free_port() -> int:
    """A port nothing listens on yet, for a server process of the tests."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, seconds: float, what: str) -> None:
    """Return once something accepts connections on ``port``; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not start")
