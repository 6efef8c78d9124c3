"""System checks for the activity-log settings (IDs wagtail_tracking.E030–E039, W030–W039)."""

from __future__ import annotations

from django.core.checks import CheckMessage, Tags, register

from wagtail_tracking.checks import SettingChecks, setting_label


# A month is at least 28 days: anonymising after more than that many days per retained month
# may come after the deletion.
SHORTEST_MONTH_DAYS = 28


@register(Tags.compatibility)
def check_activity_settings(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    checks = SettingChecks()
    checks.require_bool("ACTIVITY_CAPTURE", "wagtail_tracking.E030")
    checks.require_count("ACTIVITY_COALESCE_WINDOW", "wagtail_tracking.E031", unit="seconds")
    for key in ("ACTIVITY_COALESCE_ACTIONS", "ACTIVITY_EXCLUDED_ACTIONS"):
        checks.require_strings(
            key, "wagtail_tracking.E032", example=" (action codes such as 'wagtail.edit')"
        )
    for key in ("ACTIVITY_DIFFS", "ACTIVITY_AUTH_EVENTS", "ACTIVITY_DIFF_PERSONAL_VALUES"):
        checks.require_bool(key, "wagtail_tracking.E033")
    checks.require_count(
        "ACTIVITY_DIFF_MAX_LENGTH", "wagtail_tracking.E034", minimum=10, unit="characters"
    )
    checks.require_regexes("ACTIVITY_MASKED_FIELDS", "wagtail_tracking.E035")
    retention_valid = checks.require_count(
        "ACTIVITY_RETENTION_MONTHS",
        "wagtail_tracking.E036",
        minimum=1,
        unit="months",
        allow_none=True,
    )
    anonymise_valid = checks.require_count(
        "ACTIVITY_ANONYMISE_AFTER_DAYS",
        "wagtail_tracking.E037",
        minimum=1,
        unit="days",
        allow_none=True,
    )
    if retention_valid and anonymise_valid:
        check_anonymised_before_deletion(checks)
    return checks.messages


def check_anonymised_before_deletion(checks: SettingChecks) -> None:
    """W030: events deleted before they reach the age at which they would be anonymised.

    Called once E036 and E037 found both values valid: a count of at least 1, or None.
    """
    retention = checks.value("ACTIVITY_RETENTION_MONTHS")
    anonymise = checks.value("ACTIVITY_ANONYMISE_AFTER_DAYS")
    if retention is None or anonymise is None:
        return  # kept forever, or never anonymised
    if anonymise >= retention * SHORTEST_MONTH_DAYS:
        checks.warning(
            f"{setting_label('ACTIVITY_ANONYMISE_AFTER_DAYS')} ({anonymise} days) is not "
            f"shorter than ACTIVITY_RETENTION_MONTHS ({retention} months): events are deleted "
            "before they are anonymised.",
            "wagtail_tracking.W030",
        )
