"""Bulk actions and page deletes: one event per object, all written in one statement.

Wagtail's ``before_bulk_action`` / ``before_delete_page`` hooks open a batch on the operation;
every event recorded meanwhile is queued instead of inserted. When the action ends, objects
that no log entry described (bulk actions on snippets, users, images and documents) get their
own event, and the whole batch is written with one ``INSERT``.
"""

from __future__ import annotations

from . import diff as diffs
from .actions import BULK_ACTION, DELETE, EDIT, GROUPS_CHANGE
from .context import OperationScope, admin_scope, capture_enabled, current_scope
from .lookups import object_key
from .models import ActivityEvent
from .unlogged_changes import event_for_instance
from .writes import save_batch, save_event


# The event each of Wagtail's bulk actions stands for (others: BULK_ACTION).
BULK_ACTIONS = {
    "delete": DELETE,
    "add_tags": EDIT,
    "add_to_collection": EDIT,
    "set_active_state": EDIT,
    "assign_role": GROUPS_CHANGE,
}


def start_batch() -> None:
    scope = admin_scope()
    if scope is not None and capture_enabled():
        scope.batch = []


def finish_batch(action_type: str | None = None, objects=(), model=None, form=None, user=None):
    """Record the objects a bulk action touched that no log entry described, then write all."""
    scope = current_scope()
    if scope is None or scope.batch is None:
        return
    if action_type is not None and model is not None and capture_enabled():
        for obj in objects:
            key = object_key(model, obj.pk)
            if key in scope.events:
                continue  # logged by Wagtail (pages) or captured on the way
            event = _bulk_event(action_type, obj, scope, form, user)
            if event is not None:
                save_event(event, scope, key)
    batch, scope.batch = scope.batch, None
    if action_type is not None:
        for event in batch:
            event.diff = diffs.merge(event.diff, {"bulk_action": action_type})
    save_batch(batch)


def _bulk_event(action_type: str, obj, scope: OperationScope, form, user) -> ActivityEvent | None:
    data = getattr(form, "cleaned_data", None) or {}
    action = BULK_ACTIONS.get(action_type, BULK_ACTION)
    change = None
    if action_type == "add_tags":
        tags = [tag.strip() for tag in str(data.get("tags", "")).split(",") if tag.strip()]
        change = diffs.set_change("tags", added=tags)
    elif action_type == "add_to_collection" and data.get("collection") is not None:
        change = diffs.changes(
            {"collection_id": obj.collection_id},
            {"collection_id": data["collection"].pk},
            type(obj),
        )
    elif action_type == "set_active_state":
        if user is not None and obj.pk == user.pk:
            return None  # Wagtail never deactivates the acting user
        change = diffs.changes(
            {"is_active": obj.is_active}, {"is_active": data.get("mark_as_active")}, type(obj)
        )
    elif action_type == "assign_role" and data.get("role") is not None:
        change = diffs.set_change("groups", added=[data["role"].name])
    event = event_for_instance(obj, action, scope, diff=change or None)
    if action_type == "assign_role" and data.get("role") is not None:
        event.group_id = data["role"].pk
    return event
