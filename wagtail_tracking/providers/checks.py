"""System checks for the providers' part of ``WAGTAIL_TRACKING`` (IDs E010–E029, W010–W029)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from wagtail import hooks

from wagtail_tracking.conf import SETTINGS_NAME

from . import HOOK_NAME, get_providers
from .base import BaseProvider


PROVIDER_KEYS = ("ENABLED", "LOCKED", "OPTIONS")
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def _user_settings() -> dict:
    value = getattr(settings, SETTINGS_NAME, {})
    return value if isinstance(value, dict) else {}  # not a dict: E001


def _label(*keys: str) -> str:
    return SETTINGS_NAME + "".join(f"[{key!r}]" for key in keys)


@register(Tags.compatibility)
def check_provider_settings(app_configs=None, **kwargs) -> list:
    user = _user_settings()
    errors: list = []
    for key in ("PROVIDERS_ENABLED", "SKIP_EDITORS"):
        if key in user and not isinstance(user[key], bool):
            errors.append(
                Error(
                    f"{_label(key)} must be True or False, not {user[key]!r}.",
                    id="wagtail_tracking.E010",
                )
            )
    timeout = user.get("CACHE_TIMEOUT", 0)
    if "CACHE_TIMEOUT" in user and not (
        timeout is None
        or (isinstance(timeout, int) and not isinstance(timeout, bool) and timeout > 0)
    ):
        errors.append(
            Error(
                f"{_label('CACHE_TIMEOUT')} must be a positive number of seconds or None, "
                f"not {timeout!r}.",
                id="wagtail_tracking.E011",
            )
        )
    size = user.get("SCRIPT_MAX_SIZE", 1)
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        errors.append(
            Error(
                f"{_label('SCRIPT_MAX_SIZE')} must be a positive number of bytes, not {size!r}.",
                hint="For example 512 * 1024.",
                id="wagtail_tracking.E012",
            )
        )
    alias = user.get("CACHE_ALIAS", "default")
    caches = getattr(settings, "CACHES", {"default": {}})
    if alias not in caches:
        errors.append(
            Error(
                f"{_label('CACHE_ALIAS')} is {alias!r}, which is not a key of CACHES.",
                hint=f"Known caches: {', '.join(sorted(caches))}.",
                id="wagtail_tracking.E013",
            )
        )

    providers_setting = user.get("PROVIDERS", {})
    if not isinstance(providers_setting, dict):
        errors.append(
            Error(
                f"{_label('PROVIDERS')} must be a dict of provider slugs, "
                f"not {type(providers_setting).__name__}.",
                id="wagtail_tracking.E014",
            )
        )
        providers_setting = {}
    known = get_providers()
    for slug, entry in providers_setting.items():
        if slug not in known:
            errors.append(
                Error(
                    f"{_label('PROVIDERS', slug)}: there is no tracker provider {slug!r}.",
                    hint=f"Known providers: {', '.join(known)}.",
                    id="wagtail_tracking.E015",
                )
            )
            continue
        if not isinstance(entry, dict):
            errors.append(
                Error(
                    f"{_label('PROVIDERS', slug)} must be a dict, not {type(entry).__name__}.",
                    hint='For example {"ENABLED": False}.',
                    id="wagtail_tracking.E016",
                )
            )
            continue
        for key in sorted(set(entry) - set(PROVIDER_KEYS)):
            errors.append(
                Error(
                    f"{_label('PROVIDERS', slug, key)} is not a known key.",
                    hint=f"Known keys: {', '.join(PROVIDER_KEYS)}.",
                    id="wagtail_tracking.E017",
                )
            )
        for key in ("ENABLED", "LOCKED"):
            if key in entry and not isinstance(entry[key], bool):
                errors.append(
                    Error(
                        f"{_label('PROVIDERS', slug, key)} must be True or False, "
                        f"not {entry[key]!r}.",
                        id="wagtail_tracking.E018",
                    )
                )
        if "OPTIONS" in entry and not isinstance(entry["OPTIONS"], dict):
            errors.append(
                Error(
                    f"{_label('PROVIDERS', slug, 'OPTIONS')} must be a dict, "
                    f"not {type(entry['OPTIONS']).__name__}.",
                    id="wagtail_tracking.E019",
                )
            )
    errors.extend(_check_hook_providers(HOOK_NAME))
    return errors


def _check_hook_providers(hook_name: str) -> list:
    errors = []
    for hook in hooks.get_hooks(hook_name):
        for item in hook() or ():
            provider_class = item if isinstance(item, type) else type(item)
            if not issubclass(provider_class, BaseProvider):
                errors.append(
                    Error(
                        f"The {hook_name} hook {hook.__module__}.{hook.__qualname__} returned "
                        f"{item!r}, which is not a BaseProvider.",
                        hint="Return instances or subclasses of "
                        "wagtail_tracking.providers.BaseProvider.",
                        id="wagtail_tracking.E020",
                    )
                )
            elif not isinstance(getattr(provider_class, "slug", None), str) or not (
                getattr(provider_class, "slug", "").replace("_", "").isalnum()
            ):
                errors.append(
                    Error(
                        f"The tracker provider {provider_class.__qualname__} needs a slug made "
                        "of letters, digits and underscores.",
                        id="wagtail_tracking.E021",
                    )
                )
    return errors


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs) -> list:
    """With ``check --deploy``: saved settings must reach every web process at once."""
    user = _user_settings()
    alias = user.get("CACHE_ALIAS", "default")
    backend = getattr(settings, "CACHES", {}).get(alias, {}).get("BACKEND")
    if backend not in PER_PROCESS_CACHES or user.get("PROVIDERS_ENABLED", True) is False:
        return []
    return [
        Warning(
            f"The cache {alias!r} holding tracker output is private to each process, so a "
            "settings change reaches other web processes only after CACHE_TIMEOUT.",
            hint=f"Point {_label('CACHE_ALIAS')} at a shared cache (Redis, Memcached, "
            "database) when the site runs more than one process.",
            id="wagtail_tracking.W010",
        )
    ]
