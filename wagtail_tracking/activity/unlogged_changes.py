"""Saves, deletes and permission changes Wagtail writes no log entry for, and what a save changed.

Image and document multi-upload and the collection views save without logging; group
membership and permission changes are m2m writes. Each is recorded here as an event of the
admin operation, which Wagtail's log entry for the same object, if one follows, completes
(``log_entries``). Objects without revisions are diffed field by field: their row is read
before the save (``remember_before_save``) and compared after it (``remember_after_save``);
the change waits in the operation for the event that describes the save.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from wagtail.log_actions import get_active_log_context

from . import diff as diffs
from .actions import CREATE, DELETE, EDIT
from .context import OperationScope, admin_scope, current_scope
from .lookups import actor, attach_identity, content_type_id_for, current_source, object_key
from .models import ActivityEvent
from .object_types import object_type_for_model
from .writes import save_event, update_event


def event_for_instance(
    instance: models.Model, action: str, scope: OperationScope | None, *, diff=None
) -> ActivityEvent:
    """An event about ``instance`` by the user of the current log context."""
    model = type(instance)
    object_type = object_type_for_model(model)
    user_id, user_name = actor(get_active_log_context().user)
    now = timezone.now()
    title = str(instance)[:255]
    event = ActivityEvent(
        timestamp=now,
        last_timestamp=now,
        user_id=user_id,
        user_name=user_name,
        object_type=object_type,
        content_type_id=content_type_id_for(model),
        object_id=str(instance.pk)[:255],
        object_title=title,
        action=action,
        diff=diff,
        source=current_source(),
        uuid=scope.uuid if scope is not None else None,
    )
    attach_identity(event, object_type, event.object_id, title)
    return event


def record_saved(instance: models.Model, created: bool) -> None:
    """An image or document saved in an admin operation (multi-upload writes no log entry)."""
    scope = admin_scope()
    if scope is None:
        return
    key = object_key(type(instance), instance.pk)
    action = CREATE if created else EDIT
    existing = scope.events.get(key)
    if existing is not None and existing.action in (CREATE, action):
        # A second save in the same operation (e.g. file metadata after an upload) is the same action.
        pending = scope.pending_changes.pop(key, None)
        if pending and existing.log_entry_id is None:
            existing.diff = diffs.merge(existing.diff, pending)
            update_event(existing, scope, ["diff"])
        return
    event = event_for_instance(instance, action, scope, diff=scope.pending_changes.pop(key, None))
    save_event(event, scope, key)


def record_deleted(instance: models.Model) -> None:
    scope = admin_scope()
    if scope is None:
        return
    key = object_key(type(instance), instance.pk)
    existing = scope.events.get(key)
    if existing is not None and existing.action == DELETE:
        return
    save_event(event_for_instance(instance, DELETE, scope), scope, key)


def record_change(instance: models.Model, change: dict, action: str, **identity) -> None:
    """Group membership or permissions of a user or group changed.

    Merged into the object's event of this operation when there is one (the user or group edit
    Wagtail logs); otherwise recorded as its own event, which Wagtail's log entry for the same
    object, if one follows, completes.
    """
    scope = current_scope()
    key = object_key(type(instance), instance.pk)
    existing = scope.events.get(key) if scope is not None else None
    if existing is not None:
        existing.diff = diffs.merge(existing.diff, change)
        if update_event(existing, scope, ["diff"]):
            return
    event = event_for_instance(instance, action, scope, diff=change)
    for name, value in identity.items():
        setattr(event, name, value)
    save_event(event, scope, key)


def remember_before_save(instance: models.Model, fields) -> None:
    """Read the row about to be overwritten (only the fields being saved): one indexed query."""
    scope = admin_scope()
    if scope is None or instance.pk is None:
        return
    model = type(instance)
    names = diffs.snapshot_fields(model)
    if fields:
        names = [name for name in names if name in fields or name[:-3] in fields]
    if not names:
        return
    old = (
        model._base_manager.using(instance._state.db).filter(pk=instance.pk).values(*names).first()
    )
    if old is not None:
        scope.pending_snapshots[object_key(model, instance.pk)] = old


def remember_after_save(instance: models.Model) -> None:
    """Keep what the save changed (and the site of site settings) for the event describing it."""
    scope = admin_scope()
    if scope is None:
        return
    key = object_key(type(instance), instance.pk)
    if (site_id := getattr(instance, "site_id", None)) is not None:
        scope.pending_sites[key] = site_id
    old = scope.pending_snapshots.pop(key, None)
    if old is None:
        return
    change = diffs.changes(old, diffs.snapshot(instance, list(old)), type(instance))
    if change:
        scope.pending_changes[key] = diffs.merge(scope.pending_changes.get(key), change)
