import datetime
from collections import Counter

import pytest
from django.db import connection

from wagtail_tracking.models import UsageCount
from wagtail_tracking.usage import storage
from wagtail_tracking.usage.storage import add_counts


pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 4)


def key(site, object_id=7, referrer="", kind="page", audience=1, endpoint=""):
    return (DAY, site.pk, kind, audience, object_id, endpoint, referrer)


def test_upsert_inserts_then_adds(site):
    add_counts({key(site): 1, key(site, 0, "direct"): 1})
    add_counts({key(site): 4, key(site, 0, "direct"): 1, key(site, 8): 2})
    stored = {(r.object_id, r.referrer): r.count for r in UsageCount.objects.all()}
    assert stored == {(7, ""): 5, (0, "direct"): 2, (8, ""): 2}


def test_one_statement_per_hit(site, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        add_counts({key(site): 1, key(site, 0, "direct"): 1})
    sql = captured.captured_queries[0]["sql"].upper()
    expected = "ON DUPLICATE KEY UPDATE" if connection.vendor == "mysql" else "ON CONFLICT"
    assert sql.startswith("INSERT") and expected in sql


def test_batches_split_large_flushes(site):
    counts = Counter({key(site, object_id=i): i for i in range(1, 1201)})
    assert add_counts(counts, batch_size=500) == 1200
    assert sum(UsageCount.objects.values_list("count", flat=True)) == sum(range(1, 1201))


def test_long_referrer_and_unicode_endpoint_round_trip(site):
    long_host = "a" * 63 + "." + "b" * 63 + ".example"
    add_counts({key(site, 0, long_host): 3, key(site, 0, kind="api", endpoint="pagés"): 1})
    assert UsageCount.objects.get(referrer=long_host).count == 3
    assert UsageCount.objects.get(endpoint="pagés").count == 1


def test_portable_fallback_for_other_databases(site, monkeypatch):
    monkeypatch.setattr(type(connection), "vendor", "oracle", raising=False)
    try:
        add_counts({key(site): 2})
        add_counts({key(site): 3})
    finally:
        monkeypatch.undo()
    assert UsageCount.objects.get().count == 5


def test_retries_a_statement_the_database_refused(site, monkeypatch):
    from django.db import OperationalError

    calls = []
    real = storage._upsert

    def flaky(model, fields, rows, using):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError(1213, "Deadlock found when trying to get lock")
        real(model, fields, rows, using)

    monkeypatch.setattr(storage, "_upsert", flaky)
    add_counts({key(site): 1})
    assert len(calls) == 2
    assert UsageCount.objects.get().count == 1
