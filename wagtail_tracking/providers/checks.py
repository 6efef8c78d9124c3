"""System checks for the providers' part of ``WAGTAIL_TRACKING`` and for the providers' own
declarations (IDs E010–E029, W010–W029)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from wagtail_tracking.checks import SettingChecks, is_count, setting_label

from . import get_providers, provider_hooks
from .base import BaseProvider, ConsentMode, Cookie
from .fields import ProviderField


PROVIDER_KEYS = ("ENABLED", "LOCKED", "OPTIONS")
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
#: The names every provider's tab uses besides its declared fields.
RESERVED_FIELD_NAMES = ("enabled", "consent_mode")


@register(Tags.compatibility)
def check_provider_settings(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    checks = SettingChecks()
    for key in ("PROVIDERS_ENABLED", "SKIP_EDITORS"):
        checks.require_bool(key, "wagtail_tracking.E010")
    timeout = checks.value("CACHE_TIMEOUT")
    if not (timeout is None or is_count(timeout, minimum=1)):
        checks.error(
            "CACHE_TIMEOUT",
            f"must be a positive number of seconds or None, not {timeout!r}.",
            "wagtail_tracking.E011",
        )
    size = checks.value("SCRIPT_MAX_SIZE")
    if not is_count(size, minimum=1):
        checks.error(
            "SCRIPT_MAX_SIZE",
            f"must be a positive number of bytes, not {size!r}.",
            "wagtail_tracking.E012",
            hint="For example 512 * 1024.",
        )
    checks.require_cache_alias("CACHE_ALIAS", "wagtail_tracking.E013")
    _check_providers_setting(checks)
    checks.messages.extend(check_hook_providers())
    checks.messages.extend(check_declarations(get_providers().values()))
    return checks.messages


def _check_providers_setting(checks: SettingChecks) -> None:
    if not checks.require_dict("PROVIDERS", "wagtail_tracking.E014", of="provider slugs"):
        return
    providers_setting = checks.value("PROVIDERS")
    known = get_providers()
    for slug, entry in providers_setting.items():
        if slug not in known:
            checks.messages.append(
                Error(
                    f"{setting_label('PROVIDERS', slug)}: there is no tracker provider {slug!r}.",
                    hint=f"Known providers: {', '.join(known)}.",
                    id="wagtail_tracking.E015",
                )
            )
        elif not isinstance(entry, dict):
            checks.error(
                ("PROVIDERS", slug),
                f"must be a dict, not {type(entry).__name__}.",
                "wagtail_tracking.E016",
                hint='For example {"ENABLED": False}.',
            )
        else:
            _check_provider_entry(checks, slug, entry)


def _check_provider_entry(checks: SettingChecks, slug: str, entry: dict[str, Any]) -> None:
    for key in sorted(set(entry) - set(PROVIDER_KEYS)):
        checks.error(
            ("PROVIDERS", slug, key),
            "is not a known key.",
            "wagtail_tracking.E017",
            hint=f"Known keys: {', '.join(PROVIDER_KEYS)}.",
        )
    for key in ("ENABLED", "LOCKED"):
        if key in entry and not isinstance(entry[key], bool):
            checks.error(
                ("PROVIDERS", slug, key),
                f"must be True or False, not {entry[key]!r}.",
                "wagtail_tracking.E018",
            )
    if "OPTIONS" in entry and not isinstance(entry["OPTIONS"], dict):
        checks.error(
            ("PROVIDERS", slug, "OPTIONS"),
            f"must be a dict, not {type(entry['OPTIONS']).__name__}.",
            "wagtail_tracking.E019",
        )


def check_hook_providers() -> list[CheckMessage]:
    """What the hook functions return: providers (or their classes) with a usable slug."""
    messages: list[CheckMessage] = []
    for hook_name, hook in provider_hooks():
        items: Iterable[object] = hook() or ()  # whatever it returns, not what it should
        for item in items:
            provider_class = item if isinstance(item, type) else type(item)
            if not issubclass(provider_class, BaseProvider):
                messages.append(
                    Error(
                        f"The {hook_name} hook {hook.__module__}.{hook.__qualname__} returned "
                        f"{item!r}, which is not a BaseProvider.",
                        hint="Return instances or subclasses of "
                        "wagtail_tracking.providers.BaseProvider.",
                        id="wagtail_tracking.E020",
                    )
                )
            elif not _is_identifier(getattr(provider_class, "slug", None)):
                messages.append(
                    Error(
                        f"The tracker provider {provider_class.__qualname__} needs a slug made "
                        "of letters, digits and underscores.",
                        id="wagtail_tracking.E021",
                    )
                )
    return messages


def _is_identifier(value: object) -> bool:
    return isinstance(value, str) and value.replace("_", "").isalnum()


def check_declarations(providers: Iterable[BaseProvider]) -> list[CheckMessage]:
    """What providers declare: consent modes, fields and cookies the screens can be built from."""
    messages: list[CheckMessage] = []
    setting_names: dict[str, str] = {}
    for provider in providers:
        messages.extend(_check_consent_modes(provider))
        messages.extend(_check_fields(provider))
        messages.extend(_check_cookies(provider))
        for name in _setting_names(provider):
            if name in setting_names and setting_names[name] != provider.slug:
                messages.append(
                    _declaration_error(
                        provider,
                        f"its setting {name!r} has the name of a setting of the "
                        f"{setting_names[name]!r} provider.",
                        "wagtail_tracking.E025",
                        hint="Rename the field, or choose a slug that is not a prefix of another.",
                    )
                )
            setting_names.setdefault(name, provider.slug)
    return messages


def _setting_names(provider: BaseProvider) -> list[str]:
    fields = [f.name for f in provider.fields if isinstance(f, ProviderField)]
    return [provider.setting_name(name) for name in (*RESERVED_FIELD_NAMES, *fields)]


def _declaration_error(
    provider: BaseProvider, message: str, check_id: str, hint: str | None = None
) -> Error:
    return Error(
        f"The tracker provider {type(provider).__qualname__} ({provider.slug!r}): {message}",
        hint=hint,
        id=check_id,
    )


def _check_consent_modes(provider: BaseProvider) -> list[CheckMessage]:
    modes = provider.consent_modes
    if isinstance(modes, tuple) and modes and all(isinstance(m, ConsentMode) for m in modes):
        return []
    return [
        _declaration_error(
            provider,
            "consent_modes must be a non-empty tuple of ConsentMode values.",
            "wagtail_tracking.E022",
            hint="For example (ConsentMode.REQUIRE, ConsentMode.NONE); the first is the default.",
        )
    ]


def _check_fields(provider: BaseProvider) -> list[CheckMessage]:
    names = [getattr(f, "name", None) for f in provider.fields]
    wrong = [
        repr(f)
        for f in provider.fields
        if not isinstance(f, ProviderField)
        or not _is_identifier(f.name)
        or f.name in RESERVED_FIELD_NAMES
        or names.count(f.name) > 1
    ]
    if not wrong:
        return []
    return [
        _declaration_error(
            provider,
            f"these fields cannot be used: {', '.join(wrong)}.",
            "wagtail_tracking.E023",
            hint="Declare TextField, CheckboxField or ScriptFileField instances with distinct "
            f"names of letters, digits and underscores, other than {' and '.join(RESERVED_FIELD_NAMES)}.",
        )
    ]


def _check_cookies(provider: BaseProvider) -> list[CheckMessage]:
    if all(isinstance(cookie, Cookie) for cookie in provider.cookies):
        return []
    return [
        _declaration_error(
            provider,
            "cookies must be Cookie declarations.",
            "wagtail_tracking.E024",
            hint='For example (Cookie("_example_id", _("13 months")),).',
        )
    ]


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """With ``check --deploy``: saved settings must reach every web process at once."""
    checks = SettingChecks()
    alias = checks.value("CACHE_ALIAS")
    backend = getattr(settings, "CACHES", {}).get(alias, {}).get("BACKEND")
    if backend not in PER_PROCESS_CACHES or checks.value("PROVIDERS_ENABLED") is False:
        return []
    return [
        Warning(
            f"The cache {alias!r} holding tracker output is private to each process, so a "
            "settings change reaches other web processes only after CACHE_TIMEOUT.",
            hint=f"Point {setting_label('CACHE_ALIAS')} at a shared cache (Redis, Memcached, "
            "database) when the site runs more than one process.",
            id="wagtail_tracking.W010",
        )
    ]
