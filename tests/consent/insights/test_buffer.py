"""Cache mode: beacons wait in the buffer, receipts are written in bulk, each window exactly once."""

import pytest
from django.core.cache import caches

from wagtail_tracking.consent.insights import buffer
from wagtail_tracking.consent.insights.buffer import flush_consent_buffer
from wagtail_tracking.models import ConsentCount, ConsentFlush, ConsentReceipt

from .conftest import choice


pytestmark = pytest.mark.django_db


@pytest.fixture(params=["usage_redis", "default"], ids=["redis", "locmem-generic-path"])
def cache_mode(request, settings):
    settings.WAGTAIL_TRACKING = {"USAGE_STORAGE": "cache", "USAGE_CACHE_ALIAS": request.param}
    cache = caches[request.param]
    flush_consent_buffer(include_open=True)  # leftovers of an interrupted run
    ConsentCount.objects.all().delete()
    ConsentReceipt.objects.all().delete()
    ConsentFlush.objects.all().delete()
    yield cache
    flush_consent_buffer(include_open=True)


def test_beacons_are_buffered_then_written_once(banner, send, cache_mode):
    send({"v": banner["banner"], "l": "en", "e": "shown"})
    send(choice(banner))
    send(choice(banner))  # replayed within the window
    send(choice(banner, "refuse", receipt="b" * 32, ga4=False, matomo=False))
    assert not ConsentCount.objects.exists()
    assert not ConsentReceipt.objects.exists()
    result = flush_consent_buffer(include_open=True)
    assert result.receipts == 2
    assert result.beacons == 3
    assert ConsentReceipt.objects.count() == 2
    totals = {(c.event, c.tool): c.count for c in ConsentCount.objects.all()}
    assert totals[("shown", "")] == 1
    assert totals[("accept", "")] == 1
    assert totals[("refuse", "")] == 1
    assert flush_consent_buffer(include_open=True).beacons == 0  # nothing twice


def test_a_receipt_already_stored_is_not_counted_again(banner, send, cache_mode):
    send(choice(banner))
    flush_consent_buffer(include_open=True)
    send(choice(banner))  # the same receipt, replayed in a later window
    flush_consent_buffer(include_open=True)
    assert ConsentReceipt.objects.count() == 1
    assert ConsentCount.objects.get(event="accept").count == 1


def test_a_second_flusher_of_a_written_window_writes_nothing(banner, send, cache_mode):
    send(choice(banner))
    window = buffer.current_window()
    ConsentFlush.objects.create(window=window)  # as if another process had written it
    result = flush_consent_buffer(include_open=True)
    assert result.beacons == 0
    assert not ConsentReceipt.objects.exists()
    assert cache_mode.get(buffer.slots_key(window)) is None  # but the keys are cleaned
