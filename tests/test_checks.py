from wagtail_tracking.checks import check_settings


def test_valid_configuration_has_no_errors(settings):
    settings.WAGTAIL_TRACKING = {"ENABLED": False}
    assert check_settings() == []


def test_setting_that_is_not_a_dict_is_e001(settings):
    settings.WAGTAIL_TRACKING = "yes"
    [error] = check_settings()
    assert error.id == "wagtail_tracking.E001"
    assert error.msg == "WAGTAIL_TRACKING must be a dict, not str."


def test_unknown_key_is_e002(settings):
    settings.WAGTAIL_TRACKING = {"ENABLD": True}
    [error] = check_settings()
    assert error.id == "wagtail_tracking.E002"
    assert error.msg == "WAGTAIL_TRACKING['ENABLD'] is not a known setting."


def test_enabled_must_be_a_boolean_e003(settings):
    settings.WAGTAIL_TRACKING = {"ENABLED": "false"}
    [error] = check_settings()
    assert error.id == "wagtail_tracking.E003"
    assert "'false'" in error.msg
