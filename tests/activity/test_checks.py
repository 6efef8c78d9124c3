import pytest

from wagtail_tracking.activity.checks import check_activity_settings


def ids(settings, value):
    settings.WAGTAIL_TRACKING = value
    return [message.id for message in check_activity_settings()]


def test_defaults_are_valid(settings):
    assert ids(settings, {}) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"ACTIVITY_CAPTURE": "yes"}, "wagtail_tracking.E030"),
        ({"ACTIVITY_COALESCE_WINDOW": -1}, "wagtail_tracking.E031"),
        ({"ACTIVITY_COALESCE_WINDOW": "5m"}, "wagtail_tracking.E031"),
        ({"ACTIVITY_EXCLUDED_ACTIONS": "wagtail.lock"}, "wagtail_tracking.E032"),
        ({"ACTIVITY_DIFFS": 1}, "wagtail_tracking.E033"),
        ({"ACTIVITY_AUTH_EVENTS": "no"}, "wagtail_tracking.E033"),
        ({"ACTIVITY_DIFF_PERSONAL_VALUES": "yes"}, "wagtail_tracking.E033"),
        ({"ACTIVITY_MASKED_FIELDS": "secret"}, "wagtail_tracking.E035"),
        ({"ACTIVITY_DIFF_MAX_LENGTH": 3}, "wagtail_tracking.E034"),
        ({"ACTIVITY_MASKED_FIELDS": ["("]}, "wagtail_tracking.E035"),
        ({"ACTIVITY_RETENTION_MONTHS": 0}, "wagtail_tracking.E036"),
        ({"ACTIVITY_RETENTION_MONTHS": True}, "wagtail_tracking.E036"),
        ({"ACTIVITY_ANONYMISE_AFTER_DAYS": "90"}, "wagtail_tracking.E037"),
        (
            {"ACTIVITY_ANONYMISE_AFTER_DAYS": 800, "ACTIVITY_RETENTION_MONTHS": 12},
            "wagtail_tracking.W030",
        ),
    ],
)
def test_bad_values_are_reported(settings, value, expected):
    assert ids(settings, value) == [expected]


@pytest.mark.parametrize(
    "value",
    [
        {"ACTIVITY_RETENTION_MONTHS": None, "ACTIVITY_ANONYMISE_AFTER_DAYS": 9000},
        {"ACTIVITY_RETENTION_MONTHS": 12, "ACTIVITY_ANONYMISE_AFTER_DAYS": None},
        {"ACTIVITY_RETENTION_MONTHS": 12, "ACTIVITY_ANONYMISE_AFTER_DAYS": 335},
    ],
)
def test_anonymising_before_deletion_or_never_is_fine(settings, value):
    assert ids(settings, value) == []


def test_messages_name_the_key_and_the_bad_value(settings):
    settings.WAGTAIL_TRACKING = {"ACTIVITY_COALESCE_WINDOW": "5m"}
    [message] = check_activity_settings()
    assert message.msg.startswith("WAGTAIL_TRACKING['ACTIVITY_COALESCE_WINDOW'] must be")
    assert "'5m'" in message.msg
