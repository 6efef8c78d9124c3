"""Background tasks of the alerts (django-tasks, a Wagtail dependency)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from .evaluate import evaluate
from .notify import email_alerts


@task()
def evaluate_alerts_task(candidates: list[list[Any]]) -> int:
    """Evaluate the rules that may fire; e-mail the alerts raised. Returns how many were raised."""
    alerts = evaluate(candidates)
    email_alerts(alerts)
    return len(alerts)
