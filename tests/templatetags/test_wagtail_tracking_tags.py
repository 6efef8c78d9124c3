import logging

import pytest
from django.core.cache import caches
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.providers.utils import save_settings


TEMPLATE = Template("{% load wagtail_tracking_tags %}[{% tracking_head %}][{% tracking_body %}]")


def test_tags_render_nothing_without_a_request_and_log_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="wagtail_tracking"):
        assert TEMPLATE.render(Context({})) == "[][]"
    assert "no 'request' in the template context" in caplog.text


def test_tags_render_nothing_when_the_plugin_is_switched_off(settings, caplog):
    settings.WAGTAIL_TRACKING = {"ENABLED": False}
    with caplog.at_level(logging.WARNING, logger="wagtail_tracking"):
        assert TEMPLATE.render(Context({})) == "[][]"
    assert caplog.text == ""


def test_served_page_loads_the_tags(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert b"<h1>Home</h1>" in response.content


def test_tags_accept_a_plain_request(rf: RequestFactory):
    assert TEMPLATE.render(Context({"request": rf.get("/")})) == "[][]"


EVERY_TAG = Template(
    "{% load wagtail_tracking_tags %}{% tracking_head %}{% tracking_body %}"
    "{% tracking_consent_link %}{% tracking_cookie_table %}"
)
GA4 = {"ga4_enabled": True, "ga4_measurement_id": "G-ABC123XYZ9", "ga4_consent_mode": "require"}


@pytest.fixture
def database_cache(settings):
    """The tags' cache is a real DatabaseCache: each read or write is a query, each entry a row."""
    settings.WAGTAIL_TRACKING = {"CACHE_ALIAS": "database"}
    caches["database"].clear()
    yield
    caches["database"].clear()


def cache_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wagtail_tracking_test_cache")
        return cursor.fetchone()[0]


def render_every_tag(rf):
    return EVERY_TAG.render(Context({"request": rf.get("/", HTTP_HOST="localhost")}))


def test_switched_off_trackers_cost_no_query_and_no_cache_access(
    rf, site, database_cache, settings, django_assert_num_queries
):
    save_settings(site, GA4)
    caches["database"].clear()  # saving wrote a new version token
    settings.WAGTAIL_TRACKING = {"CACHE_ALIAS": "database", "PROVIDERS_ENABLED": False}
    with django_assert_num_queries(0):
        html = render_every_tag(rf)
    assert html == (
        '<p class="wagtail-tracking-cookie-table">This site uses no audience measurement tool.</p>\n'
    )
    assert cache_rows() == 0


def test_switched_on_the_same_tags_use_the_database_and_the_cache(rf, site, database_cache):
    save_settings(site, GA4)
    caches["database"].clear()
    with CaptureQueriesContext(connection) as queries:
        html = render_every_tag(rf)
    assert "G-ABC123XYZ9" in html
    assert len(queries) > 0
    assert cache_rows() > 0
