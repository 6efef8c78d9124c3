"""Evaluating the rules after the commit, and storing each alert once.

Nothing here raises: an error in a rule is logged (``wagtail_tracking.alerts``) and the other
rules go on.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from .models import Alert, AlertSettings
from .registry import get_rules
from .rules import AlertRule, Finding


logger = logging.getLogger("wagtail_tracking.alerts")

Candidate = list[Any]  # [rule slug, subject]: JSON, as a task argument must be


def evaluate(candidates: list[Candidate]) -> list[Alert]:
    """Evaluate each candidate; the alerts raised now (not those another process raised)."""
    rules = get_rules()
    raised = []
    for slug, subject in candidates:
        rule = rules.get(slug)
        if rule is None:
            continue
        try:
            alert = _evaluate_one(rule, subject)
        except Exception:
            logger.exception("wagtail_tracking: alert rule %s failed.", slug)
            continue
        if alert is not None:
            raised.append(alert)
    return raised


def config_for(site_id: int | None) -> AlertSettings:
    site = Site.objects.filter(pk=site_id).first() if site_id else None
    site = site or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return AlertSettings()
    config: AlertSettings = AlertSettings.for_site(site)
    return config


def _evaluate_one(rule: AlertRule, subject: Any) -> Alert | None:
    site_id = subject[1] if isinstance(subject, list) and len(subject) == 2 else None
    config = config_for(site_id if isinstance(site_id, int) else None)
    if rule.slug in (config.disabled_rules or []):
        return None
    finding = rule.evaluate(subject, config)
    if finding is None:
        return None
    return store(rule, finding, config)


def store(rule: AlertRule, finding: Finding, config: AlertSettings | None = None) -> Alert | None:
    """Insert the alert once, however many processes found it.

    The unique ``dedupe_key`` stops two inserts of one occurrence. A burst is also checked
    against the alerts about its subject in the last ``quiet_minutes``, under a lock on the
    site's alert settings row, so that two processes seeing the burst differently raise one.
    """
    if not (finding.subject and finding.quiet_minutes and config is not None and config.pk):
        return _insert(rule, finding)
    with transaction.atomic():
        AlertSettings.objects.select_for_update().filter(pk=config.pk).exists()
        since = timezone.now() - timedelta(minutes=finding.quiet_minutes)
        recent = Alert.objects.filter(
            rule=rule.slug, subject=finding.subject, created_at__gte=since
        )
        if recent.exists():
            return None
        return _insert(rule, finding)


def _insert(rule: AlertRule, finding: Finding) -> Alert | None:
    alert, created = Alert.objects.get_or_create(
        dedupe_key=f"{rule.slug}:{finding.key}"[:255],
        defaults={
            "rule": rule.slug,
            "subject": finding.subject,
            "severity": rule.severity,
            "site_id": finding.site_id,
            "user_id_snapshot": finding.user_id,
            "user_name": finding.user_name[:255],
            "details": finding.details,
            "event_ids": [pk for pk in finding.event_ids if pk is not None],
        },
    )
    return alert if created else None
