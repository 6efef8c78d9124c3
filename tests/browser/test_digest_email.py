"""The weekly digest e-mail in a real browser: laid out at phone and desktop widths, fetching nothing.

Set ``WAGTAIL_TRACKING_UPDATE_DOCS_IMAGES=1`` to refresh the screenshots in docs/images/.
"""

import os
import shutil

import pytest

from tests.reports.test_digest import activity, week  # noqa: F401  (fixtures)
from wagtail_tracking.alerts.models import Alert
from wagtail_tracking.reports.digest.mail import render_digest

from .conftest import ROOT


pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def root_page(db):
    """Earlier transactional tests of the session may have flushed Wagtail's initial rows."""
    from django.apps import apps
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    ContentType.objects.clear_cache()
    for config in apps.get_app_configs():
        create_contenttypes(config, verbosity=0)
    Locale.objects.get_or_create(language_code="en")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.mark.parametrize(
    ("width", "name"), [(375, "digest-email-phone"), (1280, "digest-email-desktop")]
)
def test_digest_email_renders_without_external_resources(page, screenshot, request, width, name):
    # A plain account: earlier transactional tests may have flushed the permissions rows.
    user = request.getfixturevalue("django_user_model").objects.create_user("reader")
    site, period = request.getfixturevalue("site"), request.getfixturevalue("week")
    request.getfixturevalue("activity")
    Alert.objects.update(details={"username": "bob", "count": 6, "minutes": 15})  # for the docs
    html = render_digest(user, site, period).alternatives[0][0]
    requests = []
    page.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme="light")
    page.set_content(html, wait_until="load")
    assert requests == []  # no image, font, style sheet or script is fetched
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    assert page.get_by_role("heading", name="Weekly analytics digest").is_visible()
    assert page.get_by_role("link", name="Open the back-office dashboard").is_visible()
    path = screenshot(name, full_page=True)
    if os.environ.get("WAGTAIL_TRACKING_UPDATE_DOCS_IMAGES") == "1":
        shutil.copyfile(path, ROOT / "docs" / "images" / f"{name}.png")
