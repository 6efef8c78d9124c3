"""System checks for the activity-log settings (IDs wagtail_tracking.E030–E039, W030–W039)."""

from __future__ import annotations

import re

from django.core.checks import Error, Tags, Warning, register

from wagtail_tracking.conf import SETTINGS_NAME, tracking_settings


def _is_strings(value) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(item, str) for item in value)


def _is_count(value, *, minimum=0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


@register(Tags.compatibility)
def check_activity_settings(app_configs=None, **kwargs) -> list[Error | Warning]:
    tracking_settings.reload()
    s = tracking_settings
    errors: list[Error | Warning] = []

    def error(key, message, check_id, hint=None):
        errors.append(Error(f"{SETTINGS_NAME}[{key!r}] {message}", hint=hint, id=check_id))

    if not isinstance(s.ACTIVITY_CAPTURE, bool):
        error(
            "ACTIVITY_CAPTURE",
            f"must be True or False, not {s.ACTIVITY_CAPTURE!r}.",
            "wagtail_tracking.E030",
        )
    if not _is_count(s.ACTIVITY_COALESCE_WINDOW):
        error(
            "ACTIVITY_COALESCE_WINDOW",
            f"must be a number of seconds (0 or more), not {s.ACTIVITY_COALESCE_WINDOW!r}.",
            "wagtail_tracking.E031",
        )
    for key in ("ACTIVITY_COALESCE_ACTIONS", "ACTIVITY_EXCLUDED_ACTIONS"):
        if not _is_strings(getattr(s, key)):
            error(
                key,
                "must be a list of action codes such as 'wagtail.edit'.",
                "wagtail_tracking.E032",
            )
    if not isinstance(s.ACTIVITY_DIFFS, bool) or not isinstance(s.ACTIVITY_AUTH_EVENTS, bool):
        error(
            "ACTIVITY_DIFFS/ACTIVITY_AUTH_EVENTS", "must be True or False.", "wagtail_tracking.E033"
        )
    if not _is_count(s.ACTIVITY_DIFF_MAX_LENGTH, minimum=10):
        error(
            "ACTIVITY_DIFF_MAX_LENGTH",
            f"must be a whole number of characters, at least 10, not {s.ACTIVITY_DIFF_MAX_LENGTH!r}.",
            "wagtail_tracking.E034",
        )
    if not _is_strings(s.ACTIVITY_MASKED_FIELDS):
        error(
            "ACTIVITY_MASKED_FIELDS",
            "must be a list of regular expressions.",
            "wagtail_tracking.E035",
        )
    else:
        for pattern in s.ACTIVITY_MASKED_FIELDS:
            try:
                re.compile(pattern)
            except re.error as exc:
                error(
                    "ACTIVITY_MASKED_FIELDS",
                    f"holds {pattern!r}, which is not a valid regular expression ({exc}).",
                    "wagtail_tracking.E035",
                )
    retention, anonymise = s.ACTIVITY_RETENTION_MONTHS, s.ACTIVITY_ANONYMISE_AFTER_DAYS
    if retention is not None and not _is_count(retention, minimum=1):
        error(
            "ACTIVITY_RETENTION_MONTHS",
            f"must be a number of months (1 or more) or None, not {retention!r}.",
            "wagtail_tracking.E036",
        )
    if anonymise is not None and not _is_count(anonymise, minimum=1):
        error(
            "ACTIVITY_ANONYMISE_AFTER_DAYS",
            f"must be a number of days (1 or more) or None, not {anonymise!r}.",
            "wagtail_tracking.E037",
        )
    elif (
        _is_count(anonymise, minimum=1)
        and _is_count(retention, minimum=1)
        and anonymise >= retention * 28
    ):
        errors.append(
            Warning(
                f"{SETTINGS_NAME}['ACTIVITY_ANONYMISE_AFTER_DAYS'] ({anonymise} days) is not shorter "
                f"than ACTIVITY_RETENTION_MONTHS ({retention} months): events are deleted before "
                "they are anonymised.",
                id="wagtail_tracking.W030",
            )
        )
    return errors
