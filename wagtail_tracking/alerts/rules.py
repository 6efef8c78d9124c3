"""What an alert rule is: the class a built-in rule or a site's own rule subclasses.

A rule has two halves. ``watch(event)`` runs inside the editor's transaction for every event
written, on the event in memory: it must do no query, and returns a small JSON-able "subject"
(or None when the event cannot trigger the rule). After the commit, in a background task,
``evaluate(subject, config)`` queries what it needs and returns a ``Finding`` when the rule
fires, ``None`` otherwise. A site adds its own rule with the hook::

        from wagtail_tracking.alerts.rules import AlertRule, Finding


    class HomePageUnpublished(AlertRule):
        slug = "home_unpublished"
        name = "Home page unpublished"
        description = "Somebody unpublished the home page."

        def watch(self, event):
            if event.action == "wagtail.unpublish" and event.page_id == 3:
                return event.pk

        def evaluate(self, subject, config):
            return Finding(key=f"{subject}", event_ids=[subject])


    @hooks.register("register_wagtail_tracking_alert_rules")
    def home_rules():
        return [HomePageUnpublished()]

The registry of rules is in ``registry.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.functional import Promise

from .severity import Severity


if TYPE_CHECKING:
    from wagtail_tracking.activity.models import ActivityEvent


class RuleConfig(Protocol):
    """A site's alert settings as rules read them (``models.AlertSettings``)."""

    disabled_rules: list[str]
    deletion_threshold: int
    deletion_window: int
    failed_login_threshold: int
    failed_login_total_threshold: int
    failed_login_window: int


class StoredAlert(Protocol):
    """An alert as its rule describes it (``models.Alert``)."""

    rule: str
    user_name: str
    details: dict[str, Any]


@dataclass
class Finding:
    """What a rule found: ``key`` tells one occurrence from another (same key, one alert).

    A burst gives its ``subject`` (a username, a user id…) and ``quiet_minutes``: no new alert
    about the same subject is raised within that many minutes of the last one.
    """

    key: str
    subject: str = ""
    quiet_minutes: int = 0
    event_ids: list[int] = field(default_factory=list)
    user_id: int | None = None
    user_name: str = ""
    site_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


class AlertRule:
    """One rule: a stable ``slug``, a ``name``, a ``severity`` and a one-line ``description``."""

    slug: str = ""
    name: str | Promise = ""
    description: str | Promise = ""
    severity: str = Severity.WARNING

    def watch(self, event: ActivityEvent) -> Any:
        """The subject to evaluate after the commit, or None. No query: runs in the edit."""
        raise NotImplementedError

    def evaluate(self, subject: Any, config: RuleConfig) -> Finding | None:
        """Whether the rule fires for ``subject``, read from the committed activity log."""
        raise NotImplementedError

    def message(self, alert: StoredAlert) -> str:
        """The alert in one sentence, in the active language (the description by default)."""
        return str(self.description)
