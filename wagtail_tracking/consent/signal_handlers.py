"""Refresh the cached tracker output (which holds the banner) when a site's banner text changes."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save


DISPATCH_UID = "wagtail_tracking.consent.invalidate"


def register_signal_handlers() -> None:
    from wagtail_tracking.models.consent import ConsentBannerSettings
    from wagtail_tracking.providers.rendering import invalidate_cached_output

    for signal in (post_save, post_delete):
        signal.connect(
            invalidate_cached_output,
            sender=ConsentBannerSettings,
            dispatch_uid=f"{DISPATCH_UID}.{signal is post_save}",
        )
