"""Refresh every site's cached tracker output when anything it is built from changes."""

from __future__ import annotations

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site

from wagtail_tracking.consent.models import ConsentBannerSettings
from wagtail_tracking.providers import get_providers
from wagtail_tracking.providers.models import ProviderScript, TrackingProviderSettings
from wagtail_tracking.wiring import Connection, connect

from .cache import forget_fingerprint, invalidate_cached_output


DISPATCH_UID = "wagtail_tracking.output.invalidate"


def register_signal_handlers() -> None:
    """Connect the saves and deletions of sites, tracker settings and their uploaded scripts,
    banner settings, and the models providers declare in ``setting_models``; and the changes of
    the Django settings the cached HTML depends on (tests' ``override_settings``)."""
    models = {Site, TrackingProviderSettings, ProviderScript, ConsentBannerSettings}
    for provider in get_providers().values():
        models.update(provider.setting_models)
    connect(
        Connection(
            signal,
            invalidate_cached_output,
            f"{DISPATCH_UID}.{model._meta.label}.{signal is post_save}",
            model,
        )
        for model in models
        for signal in (post_save, post_delete)
    )
    connect(
        [Connection(setting_changed, forget_fingerprint, "wagtail_tracking.output.fingerprint")]
    )
