"""Sending the weekly digests: each (user, site, week) once, in the user's language and time zone.

A delivery row is claimed before the e-mail goes (unique per user, site and week), so two runs
at once, or a second run of the week, send nothing twice; a failed send gives the claim back so
that the next run retries. Errors are logged, never raised.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Site

from wagtail_tracking.alerts.models import DigestDelivery, NotificationPreference
from wagtail_tracking.alerts.notify import (
    from_email,
    one_line,
    subscribers,
    user_language,
    user_time_zone,
)
from wagtail_tracking.periods import Period

from .figures import digest_context, last_week


logger = logging.getLogger("wagtail_tracking.reports")


@dataclass
class DigestRun:
    sent: int = 0
    already_sent: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"sent": self.sent, "already_sent": self.already_sent, "failed": self.failed}


def sites_for(user: Any) -> list[Site]:
    preference = NotificationPreference.objects.filter(user=user).first()
    chosen = list(preference.digest_sites.all()) if preference else []
    return chosen or list(Site.objects.order_by("pk"))


def send_digests(week: Period | None = None) -> DigestRun:
    """Send the digest of ``week`` (the last finished week by default) to every subscriber."""
    week = week or last_week()
    run = DigestRun()
    for user in subscribers("weekly_digest"):
        for site in sites_for(user):
            _deliver(user, site, week, run)
    return run


def _deliver(user: Any, site: Site, week: Period, run: DigestRun) -> None:
    try:
        with transaction.atomic():
            delivery = DigestDelivery.objects.create(user=user, site=site, week=week.start)
    except IntegrityError:
        run.already_sent += 1
        return
    try:
        render_digest(user, site, week).send()
    except Exception:
        logger.exception("wagtail_tracking: could not send the digest to user %s.", user.pk)
        delivery.delete()
        run.failed += 1
    else:
        run.sent += 1


def render_digest(user: Any, site: Site, week: Period) -> EmailMultiAlternatives:
    """The e-mail, both parts, in the user's admin language and time zone."""
    with translation.override(user_language(user)), timezone.override(user_time_zone(user)):
        context = {**digest_context(site, week), "user": user}
        subject = render_to_string("wagtail_tracking/reports/digest/subject.txt", context)
        text = render_to_string("wagtail_tracking/reports/digest/email.txt", context)
        html = render_to_string("wagtail_tracking/reports/digest/email.html", context)
        language = translation.get_language()
    email = EmailMultiAlternatives(one_line(subject), text, from_email(), [user.email])
    email.attach_alternative(html, "text/html")
    email.extra_headers["Content-Language"] = language or ""
    return email
