"""System checks for the usage settings: IDs wagtail_tracking.E040–E049 and W040–W049."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.cache import caches
from django.core.checks import CheckMessage, Error, Tags, register

from wagtail_tracking.checks import SettingChecks, setting_label

from . import redis_buffer


MIDDLEWARE_PATH = "wagtail_tracking.usage.middleware.UsageMiddleware"
UNSHARED_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.db.DatabaseCache",
)


@register(Tags.compatibility)
def check_usage_settings(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    checks = SettingChecks()
    storage_ok = checks.require_choice(
        "USAGE_STORAGE", ("database", "cache"), "wagtail_tracking.E040"
    )
    if storage_ok and checks.value("USAGE_STORAGE") == "cache":
        _check_buffer_cache(checks)
    window_ok = checks.require_count(
        "USAGE_BUFFER_WINDOW", "wagtail_tracking.E042", minimum=1, unit="seconds"
    )
    timeout_ok = checks.require_count(
        "USAGE_BUFFER_TIMEOUT", "wagtail_tracking.E042", minimum=1, unit="seconds"
    )
    if window_ok and timeout_ok:
        _check_buffer_timeout(checks)
    checks.require_count(
        "USAGE_RETENTION_DAYS", "wagtail_tracking.E044", minimum=1, unit="days", allow_none=True
    )
    _check_time_zones(checks)
    checks.require_regexes("USAGE_BOT_PATTERNS", "wagtail_tracking.E046", allow_none=True)
    if checks.require_bool("USAGE_ENABLED", "wagtail_tracking.E047"):
        _check_middleware(checks)
    return checks.messages


def _check_buffer_cache(checks: SettingChecks) -> None:
    """The cache mode needs a cache whose counters every process shares, atomically."""
    if not checks.require_cache_alias("USAGE_CACHE_ALIAS", "wagtail_tracking.E041"):
        return
    alias = checks.value("USAGE_CACHE_ALIAS")
    backend = settings.CACHES[alias].get("BACKEND")
    if backend in UNSHARED_CACHES:
        checks.warning(
            f"The usage buffer cache {alias!r} uses {backend}, whose counters are not shared by "
            "all processes or not incremented atomically.",
            "wagtail_tracking.W040",
            hint="Use Redis or Memcached for USAGE_STORAGE='cache', or 'database'.",
        )
        return
    _check_buffer_sharing(checks, alias)
    _check_eviction(checks, alias)


def _check_buffer_sharing(checks: SettingChecks, alias: str) -> None:
    """Other cache traffic in the same store can push the unflushed counters out."""
    location = settings.CACHES[alias].get("LOCATION")
    shared = [
        other
        for other, config in settings.CACHES.items()
        if other != alias and location and config.get("LOCATION") == location
    ]
    if alias == "default" or shared:
        checks.warning(
            f"The usage buffer cache {alias!r} is shared with the general cache"
            f"{' (' + ', '.join(map(repr, shared)) + ')' if shared else ''}: its other traffic "
            "can evict counters not yet flushed, and a cache clear drops them.",
            "wagtail_tracking.W043",
            hint="Give USAGE_CACHE_ALIAS a cache of its own (e.g. its own Redis database or "
            "server) with maxmemory-policy noeviction.",
        )


def _check_eviction(checks: SettingChecks, alias: str) -> None:
    """A Redis that may evict keys under memory pressure silently drops unflushed counters."""
    policy = redis_buffer.server_setting(caches[alias], "maxmemory-policy")
    if policy and policy != "noeviction":
        checks.warning(
            f"The usage buffer cache {alias!r} runs on a Redis server whose maxmemory-policy is "
            f"{policy!r}: under memory pressure it evicts counters not yet flushed.",
            "wagtail_tracking.W042",
            hint="Set maxmemory-policy noeviction on the usage buffer's Redis (or give it no "
            "maxmemory limit), or use USAGE_STORAGE='database'.",
        )


def _check_buffer_timeout(checks: SettingChecks) -> None:
    window = checks.value("USAGE_BUFFER_WINDOW")
    if checks.value("USAGE_BUFFER_TIMEOUT") < 3 * window:
        checks.error(
            "USAGE_BUFFER_TIMEOUT",
            f"must be at least three buffer windows ({3 * window} seconds): counters would "
            "expire before they can be flushed.",
            "wagtail_tracking.E043",
        )


def _check_time_zones(checks: SettingChecks) -> None:
    if not checks.require_dict(
        "USAGE_TIME_ZONES", "wagtail_tracking.E045", of="site id or hostname to time zone name"
    ):
        return
    for site, name in checks.value("USAGE_TIME_ZONES").items():
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
            checks.messages.append(
                Error(
                    f"{setting_label('USAGE_TIME_ZONES')}[{site!r}] is {name!r}, which is not a "
                    "known time zone.",
                    hint="Use an IANA name such as 'Europe/Paris'.",
                    id="wagtail_tracking.E045",
                )
            )


def _check_middleware(checks: SettingChecks) -> None:
    if checks.value("USAGE_ENABLED") and MIDDLEWARE_PATH not in settings.MIDDLEWARE:
        checks.warning(
            "Usage counting is on but its middleware is not installed: nothing is counted.",
            "wagtail_tracking.W041",
            hint=f"Add {MIDDLEWARE_PATH!r} to MIDDLEWARE after AuthenticationMiddleware, or "
            f"set {setting_label('USAGE_ENABLED')} = False.",
        )
