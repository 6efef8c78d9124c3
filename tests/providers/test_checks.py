import pytest

from wagtail_tracking.checks import check_settings
from wagtail_tracking.providers.checks import check_provider_settings, check_shared_cache


def ids(errors):
    return [error.id for error in errors]


def test_documented_example_is_valid(settings):
    settings.WAGTAIL_TRACKING = {
        "PROVIDERS_ENABLED": True,
        "PROVIDERS": {"ua": {"ENABLED": False}, "matomo": {"LOCKED": True, "OPTIONS": {}}},
        "SKIP_EDITORS": True,
        "CACHE_ALIAS": "default",
        "CACHE_TIMEOUT": None,
        "SCRIPT_MAX_SIZE": 256 * 1024,
    }
    assert check_settings() == []
    assert check_provider_settings() == []


@pytest.mark.parametrize(
    ("value", "expected_id", "message"),
    [
        (
            {"PROVIDERS_ENABLED": "no"},
            "wagtail_tracking.E010",
            "WAGTAIL_TRACKING['PROVIDERS_ENABLED'] must be True or False, not 'no'.",
        ),
        (
            {"SKIP_EDITORS": 1},
            "wagtail_tracking.E010",
            "WAGTAIL_TRACKING['SKIP_EDITORS'] must be True or False, not 1.",
        ),
        (
            {"CACHE_TIMEOUT": -5},
            "wagtail_tracking.E011",
            "WAGTAIL_TRACKING['CACHE_TIMEOUT'] must be a positive number of seconds or None, not -5.",
        ),
        (
            {"SCRIPT_MAX_SIZE": "512K"},
            "wagtail_tracking.E012",
            "WAGTAIL_TRACKING['SCRIPT_MAX_SIZE'] must be a positive number of bytes, not '512K'.",
        ),
        (
            {"CACHE_ALIAS": "redis"},
            "wagtail_tracking.E013",
            "WAGTAIL_TRACKING['CACHE_ALIAS'] is 'redis', which is not a key of CACHES.",
        ),
        (
            {"PROVIDERS": ["ga4"]},
            "wagtail_tracking.E014",
            "WAGTAIL_TRACKING['PROVIDERS'] must be a dict of provider slugs, not list.",
        ),
        (
            {"PROVIDERS": {"google": {"ENABLED": False}}},
            "wagtail_tracking.E015",
            "WAGTAIL_TRACKING['PROVIDERS']['google']: there is no tracker provider 'google'.",
        ),
        (
            {"PROVIDERS": {"ga4": False}},
            "wagtail_tracking.E016",
            "WAGTAIL_TRACKING['PROVIDERS']['ga4'] must be a dict, not bool.",
        ),
        (
            {"PROVIDERS": {"ga4": {"ENABLE": False}}},
            "wagtail_tracking.E017",
            "WAGTAIL_TRACKING['PROVIDERS']['ga4']['ENABLE'] is not a known key.",
        ),
        (
            {"PROVIDERS": {"ga4": {"LOCKED": "yes"}}},
            "wagtail_tracking.E018",
            "WAGTAIL_TRACKING['PROVIDERS']['ga4']['LOCKED'] must be True or False, not 'yes'.",
        ),
        (
            {"PROVIDERS": {"ga4": {"OPTIONS": None}}},
            "wagtail_tracking.E019",
            "WAGTAIL_TRACKING['PROVIDERS']['ga4']['OPTIONS'] must be a dict, not NoneType.",
        ),
    ],
)
def test_malformed_configuration_is_reported(settings, value, expected_id, message):
    settings.WAGTAIL_TRACKING = value
    [error] = check_provider_settings()
    assert error.id == expected_id
    assert error.msg == message
    assert check_settings() == []  # every key is known to the generic check


def test_unknown_slug_hint_lists_the_known_providers(settings):
    settings.WAGTAIL_TRACKING = {"PROVIDERS": {"gtm": {}}}
    [error] = check_provider_settings()
    assert error.hint.startswith("Known providers: ga4, ua, xiti, smarttag, piano")


def test_deploy_check_warns_about_a_per_process_cache(settings):
    settings.WAGTAIL_TRACKING = {}
    assert ids(check_shared_cache()) == ["wagtail_tracking.W010"]
    settings.WAGTAIL_TRACKING = {"PROVIDERS_ENABLED": False}
    assert check_shared_cache() == []
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://",
        }
    }
    settings.WAGTAIL_TRACKING = {}
    assert check_shared_cache() == []
