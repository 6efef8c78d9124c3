import pytest

from tests.usage.own_redis import free_port, own_redis
from wagtail_tracking.usage.checks import check_usage_settings


def ids(settings_value, settings):
    settings.WAGTAIL_TRACKING = settings_value
    return [message.id for message in check_usage_settings()]


def test_test_settings_are_clean(settings):
    assert ids({}, settings) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"USAGE_STORAGE": "redis"}, "wagtail_tracking.E040"),
        ({"USAGE_STORAGE": "cache", "USAGE_CACHE_ALIAS": "nope"}, "wagtail_tracking.E041"),
        ({"USAGE_STORAGE": "cache"}, "wagtail_tracking.W040"),  # tests' default is LocMem
        ({"USAGE_BUFFER_WINDOW": 0}, "wagtail_tracking.E042"),
        ({"USAGE_BUFFER_TIMEOUT": "1h"}, "wagtail_tracking.E042"),
        ({"USAGE_BUFFER_WINDOW": 60, "USAGE_BUFFER_TIMEOUT": 100}, "wagtail_tracking.E043"),
        ({"USAGE_RETENTION_DAYS": 0}, "wagtail_tracking.E044"),
        ({"USAGE_RETENTION_DAYS": True}, "wagtail_tracking.E044"),
        ({"USAGE_TIME_ZONES": ["Europe/Paris"]}, "wagtail_tracking.E045"),
        ({"USAGE_TIME_ZONES": {"localhost": "Mars/Olympus"}}, "wagtail_tracking.E045"),
        ({"USAGE_BOT_PATTERNS": "bot"}, "wagtail_tracking.E046"),
        ({"USAGE_BOT_PATTERNS": ["(unclosed"]}, "wagtail_tracking.E046"),
        ({"USAGE_ENABLED": "yes"}, "wagtail_tracking.E047"),
    ],
)
def test_bad_values(settings, value, expected):
    assert expected in ids(value, settings)


def test_redis_cache_is_accepted(settings):
    assert ids({"USAGE_STORAGE": "cache", "USAGE_CACHE_ALIAS": "usage_redis"}, settings) == []


def test_missing_middleware_is_w041(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "usage" not in m]
    assert ids({}, settings) == ["wagtail_tracking.W041"]
    assert ids({"USAGE_ENABLED": False}, settings) == []


def use_cache(settings, location, alias="usage_own"):
    settings.CACHES = {
        **settings.CACHES,
        alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location},
    }
    return {"USAGE_STORAGE": "cache", "USAGE_CACHE_ALIAS": alias}


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("allkeys-lru", ["wagtail_tracking.W042"]),
        ("volatile-ttl", ["wagtail_tracking.W042"]),
        ("noeviction", []),
    ],
)
def test_a_redis_that_can_evict_counters_is_w042(settings, policy, expected):
    with own_redis("--maxmemory", "10mb", "--maxmemory-policy", policy) as server:
        assert ids(use_cache(settings, server.url), settings) == expected


def test_an_unreachable_redis_gives_no_check_error(settings):
    assert ids(use_cache(settings, f"redis://127.0.0.1:{free_port()}/0"), settings) == []


def test_a_buffer_shared_with_the_general_cache_is_w043(settings):
    location = settings.CACHES["usage_redis"]["LOCATION"]
    value = use_cache(settings, location, alias="other_cache")
    assert ids({**value, "USAGE_CACHE_ALIAS": "usage_redis"}, settings) == ["wagtail_tracking.W043"]
    settings.CACHES = {**settings.CACHES, "default": settings.CACHES["usage_redis"]}
    assert "wagtail_tracking.W043" in ids({**value, "USAGE_CACHE_ALIAS": "default"}, settings)
