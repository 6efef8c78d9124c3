from django.test import override_settings

from wagtail_tracking.conf import DEFAULTS, tracking_settings


def test_defaults_apply_when_the_setting_is_absent(settings):
    del settings.WAGTAIL_TRACKING
    assert tracking_settings.ENABLED is DEFAULTS["ENABLED"] is True


def test_project_values_override_defaults_and_reload_on_change():
    with override_settings(WAGTAIL_TRACKING={"ENABLED": False}):
        assert tracking_settings.ENABLED is False
    assert tracking_settings.ENABLED is True


def test_malformed_setting_falls_back_to_defaults(settings):
    settings.WAGTAIL_TRACKING = ["not", "a", "dict"]
    assert tracking_settings.ENABLED is True


def test_unknown_attribute_is_an_attribute_error():
    try:
        tracking_settings.NOT_A_SETTING  # noqa: B018
    except AttributeError as error:
        assert "NOT_A_SETTING" in str(error)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
