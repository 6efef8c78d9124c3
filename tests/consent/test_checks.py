import pytest

from wagtail_tracking.checks import check_settings
from wagtail_tracking.consent.checks import check_consent_settings


def ids(errors):
    return [error.id for error in errors]


def test_documented_example_is_valid(settings):
    settings.WAGTAIL_TRACKING = {
        "CONSENT_BANNER": False,
        "CONSENT_COOKIE_NAME": "site_consent",
        "CONSENT_COOKIE_MAX_AGE_DAYS": 180,
    }
    assert check_settings() == []
    assert check_consent_settings() == []


@pytest.mark.parametrize(
    ("value", "expected_id"),
    [
        ({"CONSENT_BANNER": "no"}, "wagtail_tracking.E050"),
        ({"CONSENT_COOKIE_MAX_AGE_DAYS": "30"}, "wagtail_tracking.E051"),
        ({"CONSENT_COOKIE_MAX_AGE_DAYS": 0}, "wagtail_tracking.E051"),
        ({"CONSENT_COOKIE_MAX_AGE_DAYS": True}, "wagtail_tracking.E051"),
        ({"CONSENT_COOKIE_MAX_AGE_DAYS": 396}, "wagtail_tracking.E052"),
        ({"CONSENT_COOKIE_MAX_AGE_DAYS": 7}, "wagtail_tracking.W050"),
        ({"CONSENT_COOKIE_NAME": "a;b"}, "wagtail_tracking.E053"),
        ({"CONSENT_COOKIE_NAME": ""}, "wagtail_tracking.E053"),
    ],
)
def test_malformed_configuration_is_reported(settings, value, expected_id):
    settings.WAGTAIL_TRACKING = value
    assert ids(check_consent_settings()) == [expected_id]


def test_thirteen_months_is_the_accepted_maximum(settings):
    settings.WAGTAIL_TRACKING = {"CONSENT_COOKIE_MAX_AGE_DAYS": 395}
    assert check_consent_settings() == []
