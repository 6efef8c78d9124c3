import pytest

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
