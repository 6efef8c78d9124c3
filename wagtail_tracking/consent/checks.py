"""System checks for the consent part of ``WAGTAIL_TRACKING`` (IDs E050–E059, W050–W059)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.urls import NoReverseMatch, reverse

from wagtail_tracking.checks import SettingChecks, setting_label

from .banner import BEACON_URL_NAME


#: 13 months, the longest a consent choice may be kept (CNIL guidelines, 2020).
MAX_AGE_DAYS_LIMIT = 395
COOKIE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}\Z")


@register(Tags.compatibility)
def check_consent_settings(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    checks = SettingChecks()
    checks.require_bool("CONSENT_BANNER", "wagtail_tracking.E050")
    if checks.require_count(
        "CONSENT_COOKIE_MAX_AGE_DAYS", "wagtail_tracking.E051", minimum=1, unit="days"
    ):
        _check_max_age(checks, checks.value("CONSENT_COOKIE_MAX_AGE_DAYS"))
    name = checks.value("CONSENT_COOKIE_NAME")
    if not isinstance(name, str) or not COOKIE_NAME.match(name):
        checks.error(
            "CONSENT_COOKIE_NAME",
            f"must be 1 to 64 letters, digits, '_', '.' or '-', not {name!r}.",
            "wagtail_tracking.E053",
        )
    _check_insights(checks)
    return checks.messages


def _check_insights(checks: SettingChecks) -> None:
    """Consent statistics and receipts (``consent.insights``): switches and retention."""
    statistics = checks.require_bool("CONSENT_STATISTICS", "wagtail_tracking.E054")
    receipts = checks.require_bool("CONSENT_RECEIPTS", "wagtail_tracking.E054")
    for name in ("CONSENT_RECEIPT_RETENTION_DAYS", "CONSENT_STATISTICS_RETENTION_DAYS"):
        checks.require_count(name, "wagtail_tracking.E055", minimum=1, unit="days", allow_none=True)
    wanted = (statistics and checks.value("CONSENT_STATISTICS")) or (
        receipts and checks.value("CONSENT_RECEIPTS")
    )
    # Like Django's own URL checks, nothing to look at in a project without a URL configuration
    # (a settings module used only for management commands or a package check).
    has_urls = bool(getattr(settings, "ROOT_URLCONF", None))
    if wanted and has_urls and checks.value("CONSENT_BANNER") is True:
        try:
            reverse(BEACON_URL_NAME)
        except NoReverseMatch:
            checks.warning(
                "Consent statistics or receipts are on, but the beacon's URL is not included: "
                "the banner sends nothing.",
                "wagtail_tracking.W056",
                hint='Add path("wagtail-tracking/", include("wagtail_tracking.consent.urls")) '
                f"to the URL configuration, or set {setting_label('CONSENT_STATISTICS')} and "
                f"{setting_label('CONSENT_RECEIPTS')} to False.",
            )


def _check_max_age(checks: SettingChecks, days: int) -> None:
    label = setting_label("CONSENT_COOKIE_MAX_AGE_DAYS")
    if days > MAX_AGE_DAYS_LIMIT:
        checks.error(
            "CONSENT_COOKIE_MAX_AGE_DAYS",
            f"is {days}: a consent choice may be kept 13 months ({MAX_AGE_DAYS_LIMIT} days) at "
            "most.",
            "wagtail_tracking.E052",
            hint="Lower it; the CNIL asks visitors again after 13 months at the latest.",
        )
    elif days < 30:
        checks.warning(
            f"{label} is {days}: visitors will see the banner again very often.",
            "wagtail_tracking.W050",
        )
