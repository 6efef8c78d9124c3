"""E-mailing alerts to the users who asked for them, each in their admin language.

Recipients: active users with an e-mail address, "Browse analytics", and "E-mail me alerts"
ticked in their account settings. A failure to send is logged, never raised.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail_tracking.conf import tracking_settings

from .models import Alert
from .registry import get_rules


def one_line(subject: str) -> str:
    """A rendered subject on one line, runs of ordinary spaces collapsed; the non-breaking spaces
    of French typography (« Alerte : … ») are kept, as ``str.split()`` would not."""
    return " ".join(part for part in subject.replace("\n", " ").split(" ") if part)


logger = logging.getLogger("wagtail_tracking.alerts")
# The same permission as the analytics reports (reports.access.PERMISSION), which alerts may not
# import; tests/alerts/test_access.py keeps them equal.
BROWSE_ANALYTICS = "wagtail_tracking.browse_analytics"


def admin_url(path: str) -> str:
    """An absolute admin URL for e-mails (``WAGTAILADMIN_BASE_URL``)."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return base.rstrip("/") + path


def from_email() -> str:
    return tracking_settings.ALERTS_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL


def user_language(user: Any) -> str:
    """The user's admin language (Wagtail's account preference), else the site's."""
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.get_preferred_language()) or settings.LANGUAGE_CODE


def user_time_zone(user: Any) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.get_current_time_zone()) or settings.TIME_ZONE


def subscribers(flag: str) -> Iterator[Any]:
    """Users who ticked ``flag`` (``alert_emails`` or ``weekly_digest``) and may see analytics."""
    users = (
        get_user_model()
        ._default_manager.filter(
            is_active=True, **{f"wagtail_tracking_notifications__{flag}": True}
        )
        .exclude(email="")
        .select_related("wagtail_userprofile")
    )
    for user in users:
        if user.has_perm(BROWSE_ANALYTICS):
            yield user


def message_of(alert: Alert) -> str:
    rule = get_rules().get(alert.rule)
    try:
        return rule.message(alert) if rule else alert.rule
    except Exception:  # details written by an older version of the rule
        logger.warning("wagtail_tracking: could not describe alert %s.", alert.pk)
        return str(rule.description) if rule else alert.rule


def email_alerts(alerts: Sequence[Alert]) -> int:
    if not alerts:
        return 0
    sent = 0
    for user in subscribers("alert_emails"):
        try:
            sent += _send(user, alerts)
        except Exception:
            logger.exception("wagtail_tracking: could not e-mail alerts to user %s.", user.pk)
    Alert.objects.filter(pk__in=[a.pk for a in alerts]).update(emailed_at=timezone.now())
    return sent


def _send(user: Any, alerts: Iterable[Alert]) -> int:
    rules = get_rules()
    with translation.override(user_language(user)), timezone.override(user_time_zone(user)):
        items = [
            {"alert": alert, "rule": rules.get(alert.rule), "message": message_of(alert)}
            for alert in alerts
        ]
        context = {
            "items": items,
            "listing_url": admin_url(reverse("wagtail_tracking_alerts:index")),
        }
        subject = render_to_string("wagtail_tracking/alerts/email_subject.txt", context)
        body = render_to_string("wagtail_tracking/alerts/email.txt", context)
    email = EmailMultiAlternatives(one_line(subject), body, from_email(), [user.email])
    return email.send()
