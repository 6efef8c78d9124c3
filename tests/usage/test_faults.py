"""No hit lost when a worker dies mid-count or Redis is killed mid-traffic (fault injection on
a Redis server of the test's own, on loopback), and exactly what is lost when Redis loses its
memory."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap

import pytest
from django.core.cache import caches

from tests.usage.own_redis import own_redis
from wagtail_tracking.models import UsageCount
from wagtail_tracking.usage import buffer
from wagtail_tracking.usage.buffer import buffer_counters, flush_usage_buffer


pytestmark = pytest.mark.django_db
T0 = 1_800_000_000.0


def counters(site_id):
    import datetime

    base = (datetime.date(2026, 5, 4), site_id, "page", 1)
    return [(*base, 7, "", ""), (*base, 0, "", "direct")]


def stored():
    return sorted(UsageCount.objects.values_list("count", flat=True))


@pytest.fixture
def redis_mode(settings):
    def use(url):
        settings.CACHES = {
            **settings.CACHES,
            "usage_own": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
            },
        }
        settings.WAGTAIL_TRACKING = {
            "USAGE_STORAGE": "cache",
            "USAGE_CACHE_ALIAS": "usage_own",
            "USAGE_BUFFER_WINDOW": 60,
        }
        return caches["usage_own"]

    return use


WORKER = textwrap.dedent(
    """
    import os, sys
    import django
    django.setup()
    from django.test import override_settings
    from django.core.cache import caches
    override_settings(
        CACHES={"usage_own": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                              "LOCATION": os.environ["OWN_REDIS"]}},
        WAGTAIL_TRACKING={"USAGE_STORAGE": "cache", "USAGE_CACHE_ALIAS": "usage_own"},
    ).enable()
    from wagtail_tracking.usage import buffer, redis_buffer
    die_after = sys.argv[1] == "die"
    if die_after:
        # The fault: the process dies the instant its increment returns, before anything else
        # of the hit's counting could run.
        original = redis_buffer.increment
        def increment(*args, **kwargs):
            original(*args, **kwargs)
            os._exit(1)
        redis_buffer.increment = increment
        if hasattr(buffer, "_register"):  # the generic path's registration step
            buffer._register = lambda *args: os._exit(1)
    import datetime
    base = (datetime.date(2026, 5, 4), int(sys.argv[3]), "page", 1)
    for _ in range(int(sys.argv[2])):
        buffer.buffer_counters([(*base, 7, "", ""), (*base, 0, "", "direct")], now=%r)
    """
    % (T0 + 1)
)


def run_worker(url, mode, hits, site_id):
    env = {**os.environ, "OWN_REDIS": url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    return subprocess.run(
        [sys.executable, "-c", WORKER, mode, str(hits), str(site_id)], env=env, check=False
    ).returncode


def test_a_worker_dying_right_after_counting_loses_no_hit(site, redis_mode):
    with own_redis() as server:
        redis_mode(server.url)
        # The first hit of the window, by a worker that dies at once; then 100 by another.
        assert run_worker(server.url, "die", 1, site.pk) == 1
        assert run_worker(server.url, "live", 100, site.pk) == 0
        assert buffer.pending_counters(buffer.current_window(T0 + 1)) == 2
        flush_usage_buffer(now=T0 + 200)
    assert stored() == [101, 101]


def test_redis_killed_mid_traffic_loses_no_hit(site, redis_mode, caplog):
    served = 0
    with own_redis("--appendonly", "yes", "--appendfsync", "always") as server:
        redis_mode(server.url)
        caplog.set_level(logging.WARNING, logger="wagtail_tracking.usage.buffer")
        for _ in range(100):
            buffer_counters(counters(site.pk), now=T0 + 1)
            served += 1
        server.kill()  # crash: buffered hits are on disk (append-only file), none flushed
        for _ in range(100):  # the outage: straight into the database
            buffer_counters(counters(site.pk), now=T0 + 1)
            served += 1
        assert stored() == [100, 100]
        server.start()  # reloads the append-only file
        for _ in range(100):
            buffer_counters(counters(site.pk), now=T0 + 1)
            served += 1
        flush_usage_buffer(now=T0 + 200)
    assert stored() == [served, served] == [300, 300]
    outage_logs = [r for r in caplog.records if "cannot be reached" in r.getMessage()]
    assert len(outage_logs) == 1  # once per outage, not per hit
    assert any("reachable again" in r.getMessage() for r in caplog.records)


def test_what_a_redis_without_persistence_loses_is_its_unflushed_buffer_only(site, redis_mode):
    """The documented limit: hits buffered since the last flush live in Redis' memory. A Redis
    that loses its memory (killed without an append-only file, flushed, evicting) loses them;
    hits served while it is down, and after, are all counted."""
    with own_redis() as server:
        redis_mode(server.url)
        for _ in range(50):
            buffer_counters(counters(site.pk), now=T0 + 1)  # buffered, not flushed
        server.kill()
        for _ in range(30):
            buffer_counters(counters(site.pk), now=T0 + 1)  # outage: into the database
        server.start()  # empty
        for _ in range(20):
            buffer_counters(counters(site.pk), now=T0 + 1)
        flush_usage_buffer(now=T0 + 200)
    assert stored() == [50, 50]  # 100 served: the 50 buffered before the crash are lost
