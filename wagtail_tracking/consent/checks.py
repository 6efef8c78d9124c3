"""System checks for the consent part of ``WAGTAIL_TRACKING`` (IDs E050–E059, W050–W059)."""

from __future__ import annotations

import re

from django.core.checks import CheckMessage, Tags, register

from wagtail_tracking.checks import SettingChecks, setting_label


#: 13 months, the longest a consent choice may be kept (CNIL guidelines, 2020).
MAX_AGE_DAYS_LIMIT = 395
COOKIE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}\Z")


@register(Tags.compatibility)
def check_consent_settings(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    checks = SettingChecks()
    checks.require_bool("CONSENT_BANNER", "wagtail_tracking.E050")
    if checks.require_count(
        "CONSENT_COOKIE_MAX_AGE_DAYS", "wagtail_tracking.E051", minimum=1, unit="days"
    ):
        _check_max_age(checks, checks.value("CONSENT_COOKIE_MAX_AGE_DAYS"))
    name = checks.value("CONSENT_COOKIE_NAME")
    if not isinstance(name, str) or not COOKIE_NAME.match(name):
        checks.error(
            "CONSENT_COOKIE_NAME",
            f"must be 1 to 64 letters, digits, '_', '.' or '-', not {name!r}.",
            "wagtail_tracking.E053",
        )
    return checks.messages


def _check_max_age(checks: SettingChecks, days: int) -> None:
    label = setting_label("CONSENT_COOKIE_MAX_AGE_DAYS")
    if days > MAX_AGE_DAYS_LIMIT:
        checks.error(
            "CONSENT_COOKIE_MAX_AGE_DAYS",
            f"is {days}: a consent choice may be kept 13 months ({MAX_AGE_DAYS_LIMIT} days) at "
            "most.",
            "wagtail_tracking.E052",
            hint="Lower it; the CNIL asks visitors again after 13 months at the latest.",
        )
    elif days < 30:
        checks.warning(
            f"{label} is {days}: visitors will see the banner again very often.",
            "wagtail_tracking.W050",
        )
