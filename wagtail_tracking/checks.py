"""System checks for the ``WAGTAIL_TRACKING`` setting, with stable IDs listed in the README."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

from .conf import DEFAULTS, SETTINGS_NAME


@register(Tags.compatibility)
def check_settings(app_configs=None, **kwargs) -> list[Error]:
    value = getattr(settings, SETTINGS_NAME, {})
    if not isinstance(value, dict):
        return [
            Error(
                f"{SETTINGS_NAME} must be a dict, not {type(value).__name__}.",
                hint=f"Write {SETTINGS_NAME} = {{...}} with the keys documented in the README.",
                id="wagtail_tracking.E001",
            )
        ]
    errors = []
    for key in sorted(set(value) - set(DEFAULTS)):
        errors.append(
            Error(
                f"{SETTINGS_NAME}[{key!r}] is not a known setting.",
                hint=f"Known settings: {', '.join(sorted(DEFAULTS))}.",
                id="wagtail_tracking.E002",
            )
        )
    if not isinstance(value.get("ENABLED", True), bool):
        errors.append(
            Error(
                f"{SETTINGS_NAME}['ENABLED'] must be True or False, not {value['ENABLED']!r}.",
                id="wagtail_tracking.E003",
            )
        )
    return errors
