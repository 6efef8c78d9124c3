from wagtail_tracking.checks import SettingChecks, check_settings


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


def test_setting_checks_read_the_documented_default_of_a_key_left_out(settings):
    settings.WAGTAIL_TRACKING = {}
    checks = SettingChecks()
    assert checks.require_bool("ENABLED", "x.E1")
    assert checks.require_count("CACHE_TIMEOUT", "x.E2", minimum=1, unit="seconds")
    assert checks.messages == []


def test_setting_checks_say_what_a_wrong_value_should_be(settings):
    settings.WAGTAIL_TRACKING = {
        "ENABLED": 1,
        "USAGE_RETENTION_DAYS": True,
        "USAGE_STORAGE": "redis",
        "USAGE_BOT_PATTERNS": ["ok", "(unclosed"],
        "ACTIVITY_MASKED_FIELDS": "token",
        "CACHE_ALIAS": "nowhere",
    }
    checks = SettingChecks()
    assert not checks.require_bool("ENABLED", "x.E1")
    assert not checks.require_count(
        "USAGE_RETENTION_DAYS", "x.E2", minimum=1, unit="days", allow_none=True
    )
    assert not checks.require_choice("USAGE_STORAGE", ("database", "cache"), "x.E3")
    assert not checks.require_regexes("USAGE_BOT_PATTERNS", "x.E4", allow_none=True)
    assert not checks.require_regexes("ACTIVITY_MASKED_FIELDS", "x.E5")
    assert not checks.require_cache_alias("CACHE_ALIAS", "x.E6")
    assert [(m.id, m.msg) for m in checks.messages] == [
        ("x.E1", "WAGTAIL_TRACKING['ENABLED'] must be True or False, not 1."),
        (
            "x.E2",
            "WAGTAIL_TRACKING['USAGE_RETENTION_DAYS'] must be a whole number of days, at least 1 "
            "or None, not True.",
        ),
        (
            "x.E3",
            "WAGTAIL_TRACKING['USAGE_STORAGE'] must be one of 'database', 'cache', not 'redis'.",
        ),
        (
            "x.E4",
            "WAGTAIL_TRACKING['USAGE_BOT_PATTERNS'] holds '(unclosed', which is not a valid "
            "regular expression (missing ), unterminated subpattern at position 0).",
        ),
        (
            "x.E5",
            "WAGTAIL_TRACKING['ACTIVITY_MASKED_FIELDS'] must be a list of regular expressions.",
        ),
        ("x.E6", "WAGTAIL_TRACKING['CACHE_ALIAS'] is 'nowhere', which is not a key of CACHES."),
    ]
    assert checks.messages[-1].hint == "Known caches: database, default, usage_redis."
