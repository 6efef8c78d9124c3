"""Refresh every site's cached tracker output when anything it was built from changes."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save


DISPATCH_UID = "wagtail_tracking.providers.invalidate"


def register_signal_handlers() -> None:
    from wagtail.models import Site

    from wagtail_tracking.models.providers import TrackingProviderSettings

    from . import get_providers
    from .rendering import invalidate_cached_output

    models = {TrackingProviderSettings, Site}
    for provider in get_providers().values():
        models.update(provider.setting_models)
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate_cached_output,
                sender=model,
                dispatch_uid=f"{DISPATCH_UID}.{model._meta.label}.{signal is post_save}",
            )
