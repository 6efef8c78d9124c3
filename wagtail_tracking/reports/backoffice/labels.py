"""How an activity event reads in the admin: its action, object type, actor and changes.

Events store codes ("wagtail.publish", "snippet") and raw diffs; every back-office view shows
them through these functions, so a code reads the same on the dashboard, in the lists and in
the inspect view.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.log_actions import registry as log_action_registry

from wagtail_tracking.activity.actions import LOGIN_FAILED
from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.activity.object_types import get_object_type_choices


def action_label(action: str) -> str:
    """Wagtail's label for a log action ("Publish"), or the code of an unregistered one."""
    if not log_action_registry.action_exists(action):  # also loads the registry
        return action
    return str(log_action_registry.get_action_label(action))


def action_choices() -> list[tuple[str, str]]:
    """Every registered log action: reading the actions used would scan the whole log."""
    return sorted(
        ((code, str(label)) for code, label in log_action_registry.get_choices()),
        key=lambda choice: choice[1].lower(),
    )


def object_type_label(slug: str) -> str:
    """The object type's name ("Page", "Image"), or its slug once its model is gone."""
    return str(dict(get_object_type_choices()).get(slug, slug))


def object_label(event: ActivityEvent) -> str:
    """What the event is about: its title, its id, or, for a failed login whose name matched
    no account, that an unknown name was tried (what was typed is never stored)."""
    if event.object_title or event.object_id:
        return event.object_title or event.object_id
    if event.action == LOGIN_FAILED:
        return str(_("A user name that matches no account"))
    return ""


def actor_label(event: ActivityEvent) -> str:
    """Who acted: the user's name, or what acted when no user did."""
    if event.user_name:
        return event.user_name
    if event.source == ActivityEvent.Source.SYSTEM:
        return str(pgettext_lazy("analytics report", "System"))
    return str(_("Unknown user"))


def describe_diff(diff: object) -> list[str]:
    """Readable lines for a stored diff: ``field: old → new`` and ``groups: + Editors − Moderators``."""
    if not isinstance(diff, dict):
        return []
    lines = []
    for field, values in (diff.get("changed") or {}).items():
        if isinstance(values, list | tuple) and len(values) == 2:
            lines.append(f"{field}: {_short(values[0])} → {_short(values[1])}")
        else:
            lines.append(f"{field}: {_short(values)}")
    for key, value in diff.items():
        if key != "changed":
            lines.append(f"{key}: {_describe_change(value)}")
    return lines


def _describe_change(value: object) -> str:
    """A set change (``+ added − removed``), or the value itself."""
    if not isinstance(value, dict):
        return _short(value)
    added = ", ".join(_short(item) for item in value.get("added") or ())
    removed = ", ".join(_short(item) for item in value.get("removed") or ())
    return " ".join(
        part for part in (f"+ {added}" if added else "", f"− {removed}" if removed else "") if part
    )


def _short(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return "∅" if value in (None, "") else str(value)


def user_label(user_name: str, user_id: int) -> str:
    """The name the user had when they last acted, or "User #12" when none was recorded."""
    return user_name or str(_("User #%(id)s") % {"id": user_id})
