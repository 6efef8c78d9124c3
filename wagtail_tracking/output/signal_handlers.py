"""Refresh every site's cached tracker output when anything it is built from changes."""

from __future__ import annotations

from typing import Any

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from wagtail_tracking.compat import get_page_model
from wagtail_tracking.consent.models import ConsentBannerSettings, ConsentBannerWording
from wagtail_tracking.providers import get_providers
from wagtail_tracking.providers.models import ProviderScript, TrackingProviderSettings
from wagtail_tracking.wiring import Connection, connect

from .cache import forget_fingerprint, invalidate_cached_output


DISPATCH_UID = "wagtail_tracking.output.invalidate"


def register_signal_handlers() -> None:
    """Connect the saves and deletions of sites, tracker settings and their uploaded scripts,
    banner settings, and the models providers declare in ``setting_models``; and the changes of
    the Django settings the cached HTML depends on (tests' ``override_settings``)."""
    models = {
        Site,
        TrackingProviderSettings,
        ProviderScript,
        ConsentBannerSettings,
        ConsentBannerWording,
    }
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
    page_signals = (page_published, page_unpublished, post_page_move, pre_delete)
    connect(
        Connection(signal, invalidate_for_policy_page, f"{DISPATCH_UID}.policy.{index}", sender)
        for index, signal in enumerate(page_signals)
        for sender in ([get_page_model()] if signal is pre_delete else [None])
    )


def invalidate_for_policy_page(instance: Any = None, **kwargs: Any) -> None:
    """A banner links to this page (or a translation of it): its address or state changed."""
    key = getattr(instance, "translation_key", None)
    if (
        key is not None
        and ConsentBannerSettings.objects.filter(policy_page__translation_key=key).exists()
    ):
        invalidate_cached_output()
