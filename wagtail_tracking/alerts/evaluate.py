"""Evaluating the rules after the commit, and storing each alert once.

Nothing here raises: an error in a rule is logged (``wagtail_tracking.alerts``) and the other
rules go on.
"""

from __future__ import annotations

import logging
from typing import Any

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
    return AlertSettings.for_site(site)


def _evaluate_one(rule: AlertRule, subject: Any) -> Alert | None:
    site_id = subject[1] if isinstance(subject, list) and len(subject) == 2 else None
    config = config_for(site_id if isinstance(site_id, int) else None)
    if rule.slug in (config.disabled_rules or []):
        return None
    finding = rule.evaluate(subject, config)
    if finding is None:
        return None
    return store(rule, finding)


def store(rule: AlertRule, finding: Finding) -> Alert | None:
    """Insert the alert unless its key is known: several processes, one row (unique key)."""
    alert, created = Alert.objects.get_or_create(
        dedupe_key=f"{rule.slug}:{finding.key}"[:255],
        defaults={
            "rule": rule.slug,
            "severity": rule.severity,
            "site_id": finding.site_id,
            "user_id_snapshot": finding.user_id,
            "user_name": finding.user_name[:255],
            "details": finding.details,
            "event_ids": [pk for pk in finding.event_ids if pk is not None],
        },
    )
    return alert if created else None
