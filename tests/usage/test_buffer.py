import datetime

import pytest
from django.core.cache import caches

from wagtail_tracking.models import UsageCount, UsageFlush
from wagtail_tracking.usage import buffer
from wagtail_tracking.usage.buffer import buffer_counters, flush_usage_buffer
from wagtail_tracking.usage.hits import Hit
from wagtail_tracking.usage.middleware import record_hit


pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 4)
T0 = 1_800_000_000.0  # a window boundary for 60-second windows


@pytest.fixture(params=["usage_redis", "default"], ids=["redis", "locmem-generic-path"])
def cache_mode(request, settings):
    settings.WAGTAIL_TRACKING = {"USAGE_STORAGE": "cache", "USAGE_CACHE_ALIAS": request.param}
    cache = caches[request.param]
    windows = range(int(T0 // 60) - 2, int(T0 // 60) + 5)
    cache.delete_many(
        [buffer.slots_key(w) for w in windows] + [buffer.hash_name(w) for w in windows]
    )
    flush_usage_buffer(include_open=True)  # leftovers of an interrupted run
    UsageCount.objects.all().delete()
    yield cache
    flush_usage_buffer(now=T0 + 3600, include_open=True)
    flush_usage_buffer(include_open=True)


def counters(site, object_id=7, referrer="direct"):
    base = (DAY, site.pk, "page", 1)
    return [(*base, object_id, "", ""), (*base, 0, "", referrer)]


def test_hits_wait_in_the_cache_until_their_window_is_closed(site, cache_mode):
    for _ in range(3):
        buffer_counters(counters(site), now=T0 + 1)
    buffer_counters(counters(site, 8, "a.example"), now=T0 + 2)
    assert not UsageCount.objects.exists()
    # The next window is still open: nothing is flushed yet.
    assert flush_usage_buffer(now=T0 + 61).windows == []
    result = flush_usage_buffer(now=T0 + 121)
    assert result.as_dict() == {"windows": 1, "rows": 4, "hits": 4}
    stored = {(r.object_id, r.referrer): r.count for r in UsageCount.objects.all()}
    assert stored == {(7, ""): 3, (8, ""): 1, (0, "direct"): 3, (0, "a.example"): 1}
    # The cache keys are gone, a second flush adds nothing.
    assert flush_usage_buffer(now=T0 + 181).hits == 0
    assert sum(UsageCount.objects.values_list("count", flat=True)) == 8


def test_windows_accumulate_into_the_same_daily_row(site, cache_mode):
    buffer_counters(counters(site), now=T0 + 1)
    buffer_counters(counters(site), now=T0 + 61)
    flush_usage_buffer(now=T0 + 200)
    assert UsageCount.objects.object_rows().get().count == 2


def test_a_window_already_written_is_never_written_twice(site, cache_mode):
    buffer_counters(counters(site), now=T0 + 1)
    window = buffer.current_window(T0 + 1)
    # A flusher that died after its commit but before deleting the cache keys.
    UsageFlush.objects.create(window=window)
    assert flush_usage_buffer(now=T0 + 200).hits == 0
    assert not UsageCount.objects.exists()
    assert buffer.pending_counters(window) == 0  # cleaned up


def test_a_window_locked_by_another_flusher_is_left_alone(site, cache_mode):
    buffer_counters(counters(site), now=T0 + 1)
    window = buffer.current_window(T0 + 1)
    cache_mode.add(buffer.lock_key(window), 1, 60)
    assert flush_usage_buffer(now=T0 + 200).hits == 0
    cache_mode.delete(buffer.lock_key(window))
    assert flush_usage_buffer(now=T0 + 200).hits == 1


def test_record_hit_in_cache_mode_writes_nothing_to_the_database(
    site, cache_mode, django_assert_num_queries
):
    hit = Hit(day=DAY, site_id=site.pk, kind="page", audience=1, object_id=3)
    with django_assert_num_queries(0):
        record_hit(hit)
        record_hit(hit)
    flush_usage_buffer(include_open=True)
    assert UsageCount.objects.object_rows().get().count == 2


def test_flush_command_and_task(site, cache_mode):
    from io import StringIO

    from django.core.management import call_command

    from wagtail_tracking.usage.tasks import flush_usage_buffer_task

    buffer_counters(counters(site))
    out = StringIO()
    call_command("wagtail_tracking_flush_usage", stdout=out)  # the window is still open
    assert "0 hits" in out.getvalue()
    call_command("wagtail_tracking_flush_usage", "--include-open", stdout=out)
    assert "1 hits in 2 counters" in out.getvalue()
    buffer_counters(counters(site))
    result = flush_usage_buffer_task.call()
    assert result["hits"] == 0  # open window
    assert UsageCount.objects.object_rows().get().count == 1


def test_encoding_round_trips_tabs_free_values():
    counter = (DAY, 3, "api", 2, 0, "pages/detail", "")
    assert buffer.decode_counter(buffer.encode_counter(counter)) == counter
