"""Steps the browser tests share."""

import os
import shutil
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
