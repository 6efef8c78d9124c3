"""The provider registry: built-in providers merged with the ``register_tracking_providers`` hook.

A hook function returns an iterable of :class:`~wagtail_tracking.providers.base.BaseProvider`
instances (or classes). A hook provider with a built-in's slug replaces the built-in.
"""

from __future__ import annotations

import functools

from django.core.exceptions import ValidationError
from wagtail import hooks

from wagtail_tracking.conf import tracking_settings

from .base import (
    BaseProvider,
    ConsentMode,
    Emission,
    ModelFieldsProvider,
    ProviderMisconfigured,
    Script,
)
from .eulerian import EulerianProvider
from .google_analytics import GoogleAnalyticsProvider
from .matomo import MatomoProvider
from .piano import PianoAnalyticsProvider
from .plausible import PlausibleProvider
from .smarttag import SmartTagProvider
from .umami import UmamiProvider
from .universal_analytics import UniversalAnalyticsProvider
from .xiti import XitiProvider


HOOK_NAME = "register_tracking_providers"

BUILTIN_PROVIDERS: tuple[ModelFieldsProvider, ...] = (
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


def get_hook_providers() -> list[BaseProvider]:
    """Providers returned by the hook, instantiated; anything else is reported by check E019."""
    found = []
    for hook in hooks.get_hooks(HOOK_NAME):
        for provider in hook() or ():
            if isinstance(provider, type) and issubclass(provider, BaseProvider):
                provider = provider()
            if isinstance(provider, BaseProvider):
                found.append(provider)
    return found


@functools.cache
def get_providers() -> dict[str, BaseProvider]:
    """Every known provider by slug, in emitting order (built-ins first)."""
    providers: dict[str, BaseProvider] = {p.slug: p for p in BUILTIN_PROVIDERS}
    for provider in get_hook_providers():
        providers[provider.slug] = provider
    return providers


def get_provider(slug: str) -> BaseProvider:
    return get_providers()[slug]


def provider_options(slug: str) -> dict:
    """``WAGTAIL_TRACKING["PROVIDERS"][slug]``, or an empty dict (malformed values: checks E010+)."""
    config = tracking_settings.PROVIDERS
    entry = config.get(slug) if isinstance(config, dict) else None
    return entry if isinstance(entry, dict) else {}


def is_provider_allowed(slug: str) -> bool:
    """False when the developers switched the provider off for this environment."""
    return provider_options(slug).get("ENABLED", True) is not False


def is_provider_locked(slug: str) -> bool:
    """True when editors may see but not change the provider's settings."""
    return provider_options(slug).get("LOCKED", False) is True


def clean_provider_settings(settings) -> None:
    """Raise the form errors of every built-in provider switched on without what it needs."""
    errors: dict[str, str] = {}
    for provider in get_providers().values():
        if isinstance(provider, ModelFieldsProvider):
            errors.update(provider.clean(settings))
    if errors:
        raise ValidationError(errors)


__all__ = [
    "BUILTIN_PROVIDERS",
    "HOOK_NAME",
    "BaseProvider",
    "ConsentMode",
    "Emission",
    "ModelFieldsProvider",
    "ProviderMisconfigured",
    "Script",
    "clean_provider_settings",
    "get_provider",
    "get_providers",
    "is_provider_allowed",
    "is_provider_locked",
    "provider_options",
]
