"""The provider registry: built-in providers merged with the ``register_wagtail_tracking_providers`` hook.

A hook function returns an iterable of :class:`~wagtail_tracking.providers.base.BaseProvider`
instances (or classes). A hook provider with a built-in's slug replaces the built-in. Built-in and
hook providers take the same path: each gets its settings tab, validation, preview and cookie-table
rows from its declarations.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeAlias

from wagtail_tracking.compat import get_renamed_hooks
from wagtail_tracking.conf import tracking_settings

from .base import BaseProvider, ConsentMode, Cookie, Introduction, ProviderMisconfigured
from .elements import Emission, Script
from .eulerian import EulerianProvider
from .fields import CheckboxField, ProviderField, ScriptFileField, StoredScript, TextField
from .google_analytics import GoogleAnalyticsProvider
from .matomo import MatomoProvider
from .piano import PianoAnalyticsProvider
from .plausible import PlausibleProvider
from .smarttag import SmartTagProvider
from .umami import UmamiProvider
from .universal_analytics import UniversalAnalyticsProvider
from .xiti import XitiProvider


HOOK_NAME = "register_wagtail_tracking_providers"
#: The hook's name until 0.x, shown in the README then: still read, with a DeprecationWarning.
DEPRECATED_HOOK_NAME = "register_tracking_providers"

#: What a function registered with the hook returns: providers, or provider classes.
ProvidersHook: TypeAlias = Callable[[], Iterable[BaseProvider | type[BaseProvider]] | None]

BUILTIN_PROVIDERS: tuple[BaseProvider, ...] = (
    GoogleAnalyticsProvider(),
    UniversalAnalyticsProvider(),
    XitiProvider(),
    SmartTagProvider(),
    PianoAnalyticsProvider(),
    EulerianProvider(),
    MatomoProvider(),
    PlausibleProvider(),
    UmamiProvider(),
)


def provider_hooks() -> list[tuple[str, ProvidersHook]]:
    """Every function registered with the hook, under the name it was registered with."""
    return get_renamed_hooks(HOOK_NAME, DEPRECATED_HOOK_NAME)


def get_hook_providers() -> list[BaseProvider]:
    """Providers returned by the hook, instantiated; anything else is reported by check E020."""
    found = []
    for _name, hook in provider_hooks():
        for provider in hook() or ():
            if isinstance(provider, type) and issubclass(provider, BaseProvider):
                provider = provider()
            if isinstance(provider, BaseProvider):
                found.append(provider)
    return found


@functools.cache
def get_providers() -> dict[str, BaseProvider]:
    """Every known provider by slug, in emitting and tab order (built-ins first)."""
    providers: dict[str, BaseProvider] = {p.slug: p for p in BUILTIN_PROVIDERS}
    for provider in get_hook_providers():
        providers[provider.slug] = provider
    return providers


def get_provider(slug: str) -> BaseProvider:
    return get_providers()[slug]


def provider_options(slug: str) -> dict[str, Any]:
    """``WAGTAIL_TRACKING["PROVIDERS"][slug]``, or an empty dict (malformed values: checks E014+)."""
    config = tracking_settings.PROVIDERS
    entry = config.get(slug) if isinstance(config, dict) else None
    return entry if isinstance(entry, dict) else {}


def is_provider_allowed(slug: str) -> bool:
    """False when the developers switched the provider off for this environment."""
    return provider_options(slug).get("ENABLED", True) is not False


def is_provider_locked(slug: str) -> bool:
    """True when editors may see but not change the provider's settings."""
    return provider_options(slug).get("LOCKED", False) is True


__all__ = [
    "BUILTIN_PROVIDERS",
    "DEPRECATED_HOOK_NAME",
    "HOOK_NAME",
    "BaseProvider",
    "CheckboxField",
    "ConsentMode",
    "Cookie",
    "Emission",
    "Introduction",
    "ProviderField",
    "ProviderMisconfigured",
    "ProvidersHook",
    "Script",
    "ScriptFileField",
    "StoredScript",
    "TextField",
    "get_hook_providers",
    "get_provider",
    "get_providers",
    "is_provider_allowed",
    "is_provider_locked",
    "provider_hooks",
    "provider_options",
]
