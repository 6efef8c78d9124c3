"""System checks for the consent part of ``WAGTAIL_TRACKING`` (IDs E050–E059, W050–W059)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from wagtail_tracking.conf import SETTINGS_NAME


#: 13 months, the longest a consent choice may be kept (CNIL guidelines, 2020).
MAX_AGE_DAYS_LIMIT = 395
COOKIE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}\Z")


def _user_settings() -> dict:
    value = getattr(settings, SETTINGS_NAME, {})
    return value if isinstance(value, dict) else {}  # not a dict: E001


@register(Tags.compatibility)
def check_consent_settings(app_configs=None, **kwargs) -> list:
    user = _user_settings()
    errors: list = []
    if "CONSENT_BANNER" in user and not isinstance(user["CONSENT_BANNER"], bool):
        errors.append(
            Error(
                f"{SETTINGS_NAME}['CONSENT_BANNER'] must be True or False, "
                f"not {user['CONSENT_BANNER']!r}.",
                id="wagtail_tracking.E050",
            )
        )
    if "CONSENT_COOKIE_MAX_AGE_DAYS" in user:
        days = user["CONSENT_COOKIE_MAX_AGE_DAYS"]
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['CONSENT_COOKIE_MAX_AGE_DAYS'] must be a whole number of "
                    f"days, at least 1, not {days!r}.",
                    id="wagtail_tracking.E051",
                )
            )
        elif days > MAX_AGE_DAYS_LIMIT:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['CONSENT_COOKIE_MAX_AGE_DAYS'] is {days}: a consent choice "
                    f"may be kept 13 months ({MAX_AGE_DAYS_LIMIT} days) at most.",
                    hint="Lower it; the CNIL asks visitors again after 13 months at the latest.",
                    id="wagtail_tracking.E052",
                )
            )
        elif days < 30:
            errors.append(
                Warning(
                    f"{SETTINGS_NAME}['CONSENT_COOKIE_MAX_AGE_DAYS'] is {days}: visitors will "
                    "see the banner again very often.",
                    id="wagtail_tracking.W050",
                )
            )
    if "CONSENT_COOKIE_NAME" in user:
        name = user["CONSENT_COOKIE_NAME"]
        if not isinstance(name, str) or not COOKIE_NAME.match(name):
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['CONSENT_COOKIE_NAME'] must be 1 to 64 letters, digits, "
                    f"'_', '.' or '-', not {name!r}.",
                    id="wagtail_tracking.E053",
                )
            )
    return errors
