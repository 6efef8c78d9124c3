"""System checks for the usage settings: IDs wagtail_tracking.E040–E049 and W040–W049."""

from __future__ import annotations

import re
import zoneinfo

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from wagtail_tracking.conf import SETTINGS_NAME


MIDDLEWARE_PATH = "wagtail_tracking.usage.middleware.UsageMiddleware"
UNSHARED_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.db.DatabaseCache",
)


def _setting(name: str):
    from wagtail_tracking.conf import DEFAULTS

    value = getattr(settings, SETTINGS_NAME, {})
    value = value if isinstance(value, dict) else {}
    return value.get(name, DEFAULTS[name])


@register(Tags.compatibility)
def check_usage_settings(app_configs=None, **kwargs) -> list:
    messages = []
    storage = _setting("USAGE_STORAGE")
    if storage not in ("database", "cache"):
        messages.append(
            Error(
                f"{SETTINGS_NAME}['USAGE_STORAGE'] must be 'database' or 'cache', not {storage!r}.",
                id="wagtail_tracking.E040",
            )
        )
    alias = _setting("USAGE_CACHE_ALIAS")
    caches = getattr(settings, "CACHES", {})
    if storage == "cache":
        if alias not in caches:
            messages.append(
                Error(
                    f"{SETTINGS_NAME}['USAGE_CACHE_ALIAS'] is {alias!r}, which is not in CACHES.",
                    id="wagtail_tracking.E041",
                )
            )
        elif caches[alias].get("BACKEND") in UNSHARED_CACHES:
            messages.append(
                Warning(
                    f"The usage buffer cache {alias!r} uses {caches[alias]['BACKEND']}, whose "
                    "counters are not shared by all processes or not incremented atomically.",
                    hint="Use Redis or Memcached for USAGE_STORAGE='cache', or 'database'.",
                    id="wagtail_tracking.W040",
                )
            )
    for name in ("USAGE_BUFFER_WINDOW", "USAGE_BUFFER_TIMEOUT"):
        value = _setting(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            messages.append(
                Error(
                    f"{SETTINGS_NAME}[{name!r}] must be a positive number of seconds, not {value!r}.",
                    id="wagtail_tracking.E042",
                )
            )
    window, timeout = _setting("USAGE_BUFFER_WINDOW"), _setting("USAGE_BUFFER_TIMEOUT")
    if isinstance(window, int) and isinstance(timeout, int) and 0 < timeout < 3 * window:
        messages.append(
            Error(
                f"{SETTINGS_NAME}['USAGE_BUFFER_TIMEOUT'] must be at least three buffer windows "
                f"({3 * window} seconds): counters would expire before they can be flushed.",
                id="wagtail_tracking.E043",
            )
        )
    retention = _setting("USAGE_RETENTION_DAYS")
    if retention is not None and (
        not isinstance(retention, int) or isinstance(retention, bool) or retention < 1
    ):
        messages.append(
            Error(
                f"{SETTINGS_NAME}['USAGE_RETENTION_DAYS'] must be a positive number of days or "
                f"None, not {retention!r}.",
                id="wagtail_tracking.E044",
            )
        )
    messages.extend(_check_time_zones(_setting("USAGE_TIME_ZONES")))
    messages.extend(_check_bot_patterns(_setting("USAGE_BOT_PATTERNS")))
    if _setting("USAGE_ENABLED") is not True and _setting("USAGE_ENABLED") is not False:
        messages.append(
            Error(
                f"{SETTINGS_NAME}['USAGE_ENABLED'] must be True or False.",
                id="wagtail_tracking.E047",
            )
        )
    if _setting("USAGE_ENABLED") is True and MIDDLEWARE_PATH not in settings.MIDDLEWARE:
        messages.append(
            Warning(
                "Usage counting is on but its middleware is not installed: nothing is counted.",
                hint=f"Add {MIDDLEWARE_PATH!r} to MIDDLEWARE after AuthenticationMiddleware, or "
                f"set {SETTINGS_NAME}['USAGE_ENABLED'] = False.",
                id="wagtail_tracking.W041",
            )
        )
    return messages


def _check_time_zones(zones) -> list:
    if not isinstance(zones, dict):
        return [
            Error(
                f"{SETTINGS_NAME}['USAGE_TIME_ZONES'] must be a dict of site id or hostname to "
                f"time zone name, not {type(zones).__name__}.",
                id="wagtail_tracking.E045",
            )
        ]
    errors = []
    for site, name in zones.items():
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['USAGE_TIME_ZONES'][{site!r}] is {name!r}, which is not a "
                    "known time zone.",
                    hint="Use an IANA name such as 'Europe/Paris'.",
                    id="wagtail_tracking.E045",
                )
            )
    return errors


def _check_bot_patterns(patterns) -> list:
    if patterns is None:
        return []
    if not isinstance(patterns, (list, tuple)) or not all(isinstance(p, str) for p in patterns):
        return [
            Error(
                f"{SETTINGS_NAME}['USAGE_BOT_PATTERNS'] must be a list of regular expressions or "
                "None.",
                id="wagtail_tracking.E046",
            )
        ]
    errors = []
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['USAGE_BOT_PATTERNS'] holds {pattern!r}, which is not a "
                    f"valid regular expression ({exc}).",
                    id="wagtail_tracking.E046",
                )
            )
    return errors
