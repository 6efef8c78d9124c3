"""The middleware: counts in the configured storage, never breaks a page, costs nothing when off."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from wagtail_tracking.usage import buffer, middleware
from wagtail_tracking.usage.kinds import PAGE
from wagtail_tracking.usage.marks import mark_request
from wagtail_tracking.usage.middleware import UsageMiddleware
from wagtail_tracking.usage.models import UsageCount

from .conftest import BROWSER


pytestmark = pytest.mark.django_db
CACHE_MODE = {"USAGE_STORAGE": "cache", "USAGE_CACHE_ALIAS": "usage_redis"}


def page_view(rf, page):
    """A page view as the page-serve hook marks it; the view answers 200."""
    request = rf.get("/", HTTP_USER_AGENT=BROWSER)
    mark_request(request, PAGE, page.pk)
    return request


def buffered_slots():
    """How many counters the current cache-buffer window holds (None: the window is empty)."""
    return buffer.pending_counters(buffer.current_window()) or None


@pytest.fixture
def clean_buffer(settings):
    settings.WAGTAIL_TRACKING = CACHE_MODE
    buffer.flush_usage_buffer(include_open=True)
    yield
    settings.WAGTAIL_TRACKING = CACHE_MODE
    buffer.flush_usage_buffer(include_open=True)


@pytest.mark.parametrize("switch", ["USAGE_ENABLED", "ENABLED"])
def test_switched_off_it_costs_no_query_and_no_cache_write(
    rf, settings, home_page, clean_buffer, switch
):
    response = HttpResponse()
    usage = UsageMiddleware(lambda request: response)
    settings.WAGTAIL_TRACKING = {**CACHE_MODE, switch: False}
    with CaptureQueriesContext(connection) as queries:
        assert usage(page_view(rf, home_page)) is response
    assert queries.captured_queries == []
    assert buffered_slots() is None
    # The same request, counting on: the hit reaches the shared cache.
    settings.WAGTAIL_TRACKING = CACHE_MODE
    usage(page_view(rf, home_page))
    assert buffered_slots() == 2  # its object counter and its referrer counter


def test_database_mode_adds_the_hit_at_once(rf, home_page):
    UsageMiddleware(lambda request: HttpResponse())(page_view(rf, home_page))
    assert UsageCount.objects.object_rows().get().object_id == home_page.pk


def test_a_failing_storage_never_breaks_the_page(browser, home_page, monkeypatch, caplog):
    def broken(hit):
        raise RuntimeError("database down")

    monkeypatch.setattr(middleware, "record_hit", broken)
    assert browser.get("/").status_code == 200
    assert "could not count" in caplog.text
