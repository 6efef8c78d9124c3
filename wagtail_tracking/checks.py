"""System checks: the shared toolkit every feature's checks use, and the checks of the dict itself.

Each feature checks its own keys of ``WAGTAIL_TRACKING`` (``activity/checks.py``,
``usage/checks.py``…) with :class:`SettingChecks`, so that "must be True or False", "must be a
whole number ≥ n", "must be a list of regular expressions" and "must name a cache" read the same
everywhere and each check function stays short. Check IDs are stable and listed in the docs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from .conf import DEFAULTS, SETTINGS_NAME, tracking_settings


def setting_label(*keys: str) -> str:
    """``WAGTAIL_TRACKING['PROVIDERS']['ga4']``: how messages name a key."""
    return SETTINGS_NAME + "".join(f"[{key!r}]" for key in keys)


def is_count(value: object, *, minimum: int = 0) -> bool:
    """A whole number (``True`` is not one) of at least ``minimum``."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def is_strings(value: object) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(item, str) for item in value)


class SettingChecks:
    """Collects the messages about some keys of ``WAGTAIL_TRACKING``.

    Values are read from the project's dict over the documented defaults, so a key left out is
    valid. Each ``require_*`` method adds an error when the value is wrong and returns whether it
    was right, so that checks which depend on a valid value can follow it.
    """

    def __init__(self) -> None:
        self.values = tracking_settings.user_settings
        self.messages: list[CheckMessage] = []

    def value(self, key: str) -> Any:
        return self.values.get(key, DEFAULTS.get(key))

    def error(
        self, key: str | tuple[str, ...], message: str, check_id: str, hint: str | None = None
    ) -> None:
        """``WAGTAIL_TRACKING['KEY'] <message>`` as an error with ``check_id``; a tuple of keys
        names a nested one (``WAGTAIL_TRACKING['PROVIDERS']['ga4']['LOCKED']``)."""
        label = setting_label(*((key,) if isinstance(key, str) else key))
        self.messages.append(Error(f"{label} {message}", hint=hint, id=check_id))

    def warning(self, message: str, check_id: str, hint: str | None = None) -> None:
        self.messages.append(Warning(message, hint=hint, id=check_id))

    def require_bool(self, key: str, check_id: str) -> bool:
        value = self.value(key)
        if isinstance(value, bool):
            return True
        self.error(key, f"must be True or False, not {value!r}.", check_id)
        return False

    def require_count(
        self,
        key: str,
        check_id: str,
        *,
        minimum: int = 0,
        unit: str = "",
        allow_none: bool = False,
    ) -> bool:
        """A whole number of at least ``minimum`` (``unit``: "seconds", "days"…), or None."""
        value = self.value(key)
        if (allow_none and value is None) or is_count(value, minimum=minimum):
            return True
        what = f"a whole number of {unit}" if unit else "a whole number"
        alternative = " or None" if allow_none else ""
        self.error(
            key, f"must be {what}, at least {minimum}{alternative}, not {value!r}.", check_id
        )
        return False

    def require_choice(self, key: str, choices: Iterable[str], check_id: str) -> bool:
        value, choices = self.value(key), tuple(choices)
        if value in choices:
            return True
        self.error(key, f"must be one of {', '.join(map(repr, choices))}, not {value!r}.", check_id)
        return False

    def require_dict(self, key: str, check_id: str, *, of: str) -> bool:
        """A dict; ``of`` says what it maps ("provider slugs"…)."""
        value = self.value(key)
        if isinstance(value, dict):
            return True
        self.error(key, f"must be a dict of {of}, not {type(value).__name__}.", check_id)
        return False

    def require_strings(self, key: str, check_id: str, *, example: str = "") -> bool:
        if is_strings(self.value(key)):
            return True
        self.error(key, f"must be a list of strings{example}.", check_id)
        return False

    def require_regexes(self, key: str, check_id: str, *, allow_none: bool = False) -> bool:
        """A list of regular expressions that compile (or None, when allowed)."""
        patterns = self.value(key)
        if allow_none and patterns is None:
            return True
        if not is_strings(patterns):
            alternative = " or None" if allow_none else ""
            self.error(key, f"must be a list of regular expressions{alternative}.", check_id)
            return False
        valid = True
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                self.error(
                    key,
                    f"holds {pattern!r}, which is not a valid regular expression ({exc}).",
                    check_id,
                )
                valid = False
        return valid

    def require_cache_alias(self, key: str, check_id: str) -> bool:
        alias, caches = self.value(key), getattr(settings, "CACHES", {"default": {}})
        if alias in caches:
            return True
        self.error(
            key,
            f"is {alias!r}, which is not a key of CACHES.",
            check_id,
            hint=f"Known caches: {', '.join(sorted(caches))}.",
        )
        return False


@register(Tags.compatibility)
def check_settings(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """The dict itself: a dict, of known keys, with a boolean master switch."""
    value = getattr(settings, SETTINGS_NAME, {})
    if not isinstance(value, dict):
        return [
            Error(
                f"{SETTINGS_NAME} must be a dict, not {type(value).__name__}.",
                hint=f"Write {SETTINGS_NAME} = {{...}} with the keys documented in the README.",
                id="wagtail_tracking.E001",
            )
        ]
    checks = SettingChecks()
    for key in sorted(set(value) - set(DEFAULTS)):
        checks.error(
            key,
            "is not a known setting.",
            "wagtail_tracking.E002",
            hint=f"Known settings: {', '.join(sorted(DEFAULTS))}.",
        )
    checks.require_bool("ENABLED", "wagtail_tracking.E003")
    return checks.messages
