"""Hostile query strings never give a server error, nor an oversized page, on any report.

The URLs come from the URL resolver (``tests/reports/discovery.py``): a new report is probed
without being listed here. A deterministic sweep of known killers, then hypothesis.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reports.backoffice.utils import event
from tests.reports.discovery import analytics_urls
from tests.reports.utils import count
from wagtail_tracking.models import ActivityEvent


pytestmark = pytest.mark.django_db

#: No report page, results fragment or export of the small fixture data may exceed this.
MAX_BYTES = 2_000_000

#: Year 1 and year 9999 gave OverflowError 500s on every report, results view and export.
EXTREME_QUERIES = [
    "date_from=0001-01-01&date_to=0001-01-05",
    "date_from=9999-12-25&date_to=9999-12-31",
]


@pytest.fixture
def reports_data(site, home_page, editor, analyst):
    event(editor, "wagtail.edit", 0, home_page, site=site)
    event(analyst, "wagtail.create", 2, editor)
    count(site, "page", 0, 5, object_id=home_page.pk)
    count(site, "api", 1, 2, endpoint="pages/detail")
    count(site, "page", 0, 3, referrer="www.example.com")
    return {
        "user_id": editor.pk,
        "content_type_id": ContentType.objects.get_for_model(home_page).pk,
        "object_id": str(home_page.pk),
        "page_id": home_page.pk,
        "receipt_id": "0123456789abcdef0123456789abcdef",
        "pk": ActivityEvent.objects.first().pk,
    }


def report_targets(arguments):
    """Every report URL, and each of its export URLs."""
    for found in analytics_urls(arguments):
        yield found.url, ""
        for export in found.exports:
            yield found.url, f"export={export}&"


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code < 500, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(body) <= MAX_BYTES, (url, len(body))
    return response


def test_extreme_dates_never_fail(analyst_client, reports_data):
    for url, export in report_targets(reports_data):
        for query in EXTREME_QUERIES:
            get_ok(analyst_client, f"{url}?{export}{query}")


def test_a_nul_byte_in_any_parameter_never_fails(analyst_client, reports_data):
    """PostgreSQL refuses NUL in a text query: every filter and the search must stop it first."""
    query = "&".join(f"{key}=a%00b" for key in KEYS)
    for found in analytics_urls(reports_data):
        get_ok(analyst_client, f"{found.url}?{query}")


@pytest.mark.parametrize("tail", ["%00/", "a%00b/", "%F0%9F%92%A9/", "x" * 300 + "/"])
def test_odd_object_ids_in_a_drill_down_never_fail(analyst_client, reports_data, tail):
    arguments = {**reports_data, "object_id": "OBJECT"}
    for found in analytics_urls(arguments):
        if "OBJECT" in found.url:
            get_ok(analyst_client, found.url.replace("OBJECT/", tail))


# --- property-based: generated query strings --------------------------------------------------

#: The parameters the reports read, and some they do not.
KEYS = [
    "period", "date_from", "date_to", "site", "user", "action", "object_type", "audience",
    "kind", "q", "p", "page", "per_page", "ordering", "export", "source", "x",
]  # fmt: skip

values = st.one_of(
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "\x00", "7d", "year", "csv", "xlsx", "json", "-1", "1e309", "NaN"]),
    st.text(max_size=20),  # any unicode, NUL and surrogates' neighbours included
    st.text(alphabet="a%0<>\"'\\", min_size=1000, max_size=4000),  # very long
)
queries = st.lists(st.tuples(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), values),
                   max_size=6)  # fmt: skip


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,  # the same examples on every run: a failure is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), query=queries)
def test_generated_query_strings_never_fail(analyst_client, reports_data, data, query):
    targets = [found.url for found in analytics_urls(reports_data)]
    url = data.draw(st.sampled_from(targets))
    pairs = [(key.replace("\x00", ""), value) for key, value in query]
    get_ok(analyst_client, f"{url}?{urlencode(pairs)}")
