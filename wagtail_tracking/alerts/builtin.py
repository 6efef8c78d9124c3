"""The built-in rules: access granted, bursts of removals or failed logins, tracker and consent
settings changed. Each names its severity and explains itself in one line."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail_tracking.activity import actions
from wagtail_tracking.activity.models import ActivityEvent

from . import sources
from .rules import AlertRule, Finding, RuleConfig, StoredAlert
from .severity import Severity


ACCESS_ADMIN = "wagtailadmin.access_admin"
PERMISSION_KEYS = ("permissions", "page_permissions", "collection_permissions")


def _added(diff: Any, key: str) -> list[Any]:
    part = diff.get(key) if isinstance(diff, dict) else None
    return list(part.get("added") or []) if isinstance(part, dict) else []


def _became_superuser(diff: Any) -> bool:
    changed = diff.get("changed") if isinstance(diff, dict) else None
    values = changed.get("is_superuser") if isinstance(changed, dict) else None
    return isinstance(values, list) and len(values) == 2 and values[1] in (True, "True", "true")


def _finding(event: ActivityEvent, key: str, **details: Any) -> Finding:
    return Finding(
        key=key,
        event_ids=[event.pk],
        user_id=event.user_id,
        user_name=event.user_name,
        site_id=event.site_id,
        details={"object": event.object_title, **details},
    )


class AccessGranted(AlertRule):
    slug = "access_granted"
    name = _("Superuser or admin access granted")
    description = _("A user became a superuser or gained access to the Wagtail admin.")
    severity = Severity.CRITICAL

    def watch(self, event: ActivityEvent) -> Any:
        if event.object_type == "user" and event.pk and event.diff:
            return event.pk
        return None

    def evaluate(self, subject: Any, config: RuleConfig) -> Finding | None:
        event = ActivityEvent.objects.filter(pk=subject).first()
        if event is None:
            return None
        groups = _added(event.diff, "groups")
        admin_groups = list(
            Group.objects.filter(
                name__in=groups,
                permissions__codename="access_admin",
                permissions__content_type__app_label="wagtailadmin",
            ).values_list("name", flat=True)
        )
        what = []
        if _became_superuser(event.diff):
            what.append("superuser")
        if ACCESS_ADMIN in _added(event.diff, "permissions") or admin_groups:
            what.append("admin")
        if not what:
            return None
        return _finding(event, str(event.pk), granted=what, groups=admin_groups)

    def message(self, alert: StoredAlert) -> str:
        user = alert.details.get("object", "")
        if "superuser" in alert.details.get("granted", []):
            return gettext("%(user)s became a superuser.") % {"user": user}
        return gettext("%(user)s gained access to the Wagtail admin.") % {"user": user}


class GroupPermissionsGranted(AlertRule):
    slug = "group_permissions"
    name = _("Group permissions added")
    description = _("A group was given new permissions.")

    def watch(self, event: ActivityEvent) -> Any:
        granted = any(_added(event.diff, key) for key in PERMISSION_KEYS)
        return event.pk if event.object_type == "group" and event.pk and granted else None

    def evaluate(self, subject: Any, config: RuleConfig) -> Finding | None:
        event = ActivityEvent.objects.filter(pk=subject).first()
        if event is None:
            return None
        added = [str(item) for key in PERMISSION_KEYS for item in _added(event.diff, key)]
        return _finding(event, str(event.pk), permissions=added[:20])

    def message(self, alert: StoredAlert) -> str:
        return gettext("Group %(group)s was given: %(permissions)s.") % {
            "group": alert.details.get("object", ""),
            "permissions": ", ".join(alert.details.get("permissions", [])),
        }


class MassRemoval(AlertRule):
    slug = "mass_removal"
    name = _("Many objects deleted or unpublished")
    description = _("One user deleted or unpublished many objects within a few minutes.")
    severity = Severity.CRITICAL

    def watch(self, event: ActivityEvent) -> Any:
        if event.action in sources.REMOVALS and event.user_id:
            return [event.user_id, event.site_id]
        return None

    def evaluate(self, subject: Any, config: RuleConfig) -> Finding | None:
        user_id, site_id = subject
        since = timezone.now() - timedelta(minutes=config.deletion_window)
        burst = sources.removals_by(user_id, since)
        if burst.count < max(config.deletion_threshold, 1):
            return None
        name = ActivityEvent.objects.filter(pk=burst.first_event_id or 0).values_list(
            "user_name", flat=True
        )
        return Finding(
            key=f"{user_id}:{burst.first_event_id}",
            subject=str(user_id),
            quiet_minutes=config.deletion_window,
            event_ids=burst.event_ids,
            user_id=user_id,
            user_name=name.first() or "",
            site_id=site_id,
            details={"count": burst.count, "minutes": config.deletion_window},
        )

    def message(self, alert: StoredAlert) -> str:
        return gettext(
            "%(user)s deleted or unpublished %(count)s objects within %(minutes)s minutes."
        ) % {"user": alert.user_name, **alert.details}


class FailedLogins(AlertRule):
    slug = "failed_logins"
    name = _("Failed logins for one username")
    description = _("Somebody failed to log in many times with one username.")

    def watch(self, event: ActivityEvent) -> Any:
        if event.action == actions.LOGIN_FAILED:
            return [event.affected_username, event.site_id]
        return None

    def evaluate(self, subject: Any, config: RuleConfig) -> Finding | None:
        username, site_id = subject
        since = timezone.now() - timedelta(minutes=config.failed_login_window)
        burst = sources.failed_logins(since, username)
        if burst.count < max(config.failed_login_threshold, 1):
            return None
        return Finding(
            key=f"{burst.first_event_id}",
            subject=username.lower()[:200],
            quiet_minutes=config.failed_login_window,
            event_ids=burst.event_ids,
            site_id=site_id,
            details={
                "username": username,
                "count": burst.count,
                "minutes": config.failed_login_window,
            },
        )

    def message(self, alert: StoredAlert) -> str:
        return (
            gettext(
                "%(count)s failed logins for the username “%(username)s” within %(minutes)s minutes."
            )
            % alert.details
        )


class FailedLoginsOverall(FailedLogins):
    slug = "failed_logins_overall"
    name = _("Failed logins overall")
    description = _("Many logins failed, whatever the username, within a few minutes.")

    def evaluate(self, subject: Any, config: RuleConfig) -> Finding | None:
        _username, site_id = subject
        since = timezone.now() - timedelta(minutes=config.failed_login_window)
        burst = sources.failed_logins(since)
        if burst.count < max(config.failed_login_total_threshold, 1):
            return None
        return Finding(
            key=f"{burst.first_event_id}",
            subject="*",
            quiet_minutes=config.failed_login_window,
            event_ids=burst.event_ids,
            site_id=site_id,
            details={"count": burst.count, "minutes": config.failed_login_window},
        )

    def message(self, alert: StoredAlert) -> str:
        return gettext("%(count)s failed logins within %(minutes)s minutes.") % alert.details


class SettingsChanged(AlertRule):
    """A change to one of the plugin's own settings models, recognised by its model name."""

    model_name = ""

    def watch(self, event: ActivityEvent) -> Any:
        if event.object_type == "setting" and event.pk and event.content_type_id:
            return event.pk
        return None

    def evaluate(self, subject: Any, config: RuleConfig) -> Finding | None:
        event = ActivityEvent.objects.filter(pk=subject).first()
        if event is None or event.content_type_id is None:
            return None
        content_type = ContentType.objects.get_for_id(event.content_type_id)
        if (content_type.app_label, content_type.model) != ("wagtail_tracking", self.model_name):
            return None
        changed = event.diff.get("changed", {}) if isinstance(event.diff, dict) else {}
        return _finding(event, str(event.pk), fields=sorted(changed)[:20])


class TrackerSettingsChanged(SettingsChanged):
    slug = "tracker_settings"
    name = _("Tracker settings changed")
    description = _(
        "The trackers' settings changed: their code, or an uploaded vendor script, runs on "
        "every page."
    )
    severity = Severity.CRITICAL
    model_name = "trackingprovidersettings"


class ConsentSettingsChanged(SettingsChanged):
    slug = "consent_settings"
    name = _("Consent banner changed")
    description = _("The consent banner's texts or settings changed.")
    model_name = "consentbannersettings"


class LogShrank(AlertRule):
    slug = "log_shrank"
    name = _("Activity events pruned or erased")
    description = _("Activity events were deleted, or a person was erased from the log.")
    severity = Severity.INFO
    ACTIONS = (actions.EVENTS_PRUNED, actions.EVENTS_ERASED)

    def watch(self, event: ActivityEvent) -> Any:
        return event.pk if event.action in self.ACTIONS and event.pk else None

    def evaluate(self, subject: Any, config: RuleConfig) -> Finding | None:
        event = ActivityEvent.objects.filter(pk=subject).first()
        if event is None:
            return None
        count = event.diff.get("count", 0) if isinstance(event.diff, dict) else 0
        erased = event.action == actions.EVENTS_ERASED
        return _finding(event, str(event.pk), count=count, erased=erased)

    def message(self, alert: StoredAlert) -> str:
        if alert.details.get("erased"):
            return gettext("A person was erased from %(count)s activity events.") % alert.details
        return gettext("%(count)s old activity events were deleted.") % alert.details


BUILTIN_RULES: tuple[AlertRule, ...] = (
    AccessGranted(),
    GroupPermissionsGranted(),
    MassRemoval(),
    FailedLogins(),
    FailedLoginsOverall(),
    TrackerSettingsChanged(),
    ConsentSettingsChanged(),
    LogShrank(),
)
