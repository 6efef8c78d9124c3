"""Turning actions into activity events, in the transaction of the action.

Three streams feed the log:

* every Wagtail log entry (``record_log_entry``), whatever wrote it: admin views, bulk actions,
  workflows, scheduled publishing, the API, custom code;
* the gaps Wagtail does not log: image and document multi-upload (``record_saved`` and
  ``record_deleted``), bulk actions on snippets, users, images and documents
  (``finish_batch``), group and permission changes (``record_change``), logins
  (``record_auth``);
* field changes seen on save, attached to the event that describes the save.

Within one admin operation (one Wagtail ``LogContext``), each object has at most one event per
action: a gap event is completed by Wagtail's log entry for the same object when one follows,
never doubled. A failure here is logged and never reaches the editor's action: every write runs
in its own savepoint.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import AbstractPage, Revision, Site

from wagtail_tracking.compat import get_page_model
from wagtail_tracking.conf import tracking_settings

from . import diff as diffs
from .actions import GROUPS_CHANGE, PERMISSIONS_CHANGE, PROVISIONAL_ACTIONS
from .context import OperationScope, admin_scope, capture_enabled, current_scope, in_request
from .models import ActivityEvent
from .object_types import object_type_for_model


logger = logging.getLogger("wagtail_tracking.activity")

Source = ActivityEvent.Source
CREATE, EDIT, DELETE = "wagtail.create", "wagtail.edit", "wagtail.delete"
# Actions whose diff is read from the revision they point to.
REVISION_DIFF_ACTIONS = frozenset({EDIT, "wagtail.revert"})
# Copying a page saves it, which Wagtail logs as a create before the copy: one action, one event.
SUBSUMED_CREATE = frozenset(
    {"wagtail.copy", "wagtail.create_alias", "wagtail.copy_for_translation"}
)
BULK_ACTIONS = {
    "delete": DELETE,
    "add_tags": EDIT,
    "add_to_collection": EDIT,
    "set_active_state": EDIT,
    "assign_role": GROUPS_CHANGE,
}


# --- writing, never raising -------------------------------------------------------------------


def _database():
    return router.db_for_write(ActivityEvent)


# Databases where a failed statement spoils only itself, not the transaction around it: a
# savepoint would cost two round trips per event for nothing.
STATEMENT_ROLLBACK_VENDORS = frozenset({"sqlite", "mysql"})


@contextlib.contextmanager
def guarded(what: str):
    """Run a write so that, on failure, it is logged and the editor's action goes on.

    Inside a transaction on PostgreSQL (where an error aborts the whole transaction) the write
    gets its own savepoint.
    """
    using = _database()
    try:
        connection = transaction.get_connection(using)
        needs_savepoint = (
            connection.in_atomic_block and connection.vendor not in STATEMENT_ROLLBACK_VENDORS
        )
        with transaction.atomic(using=using) if needs_savepoint else contextlib.nullcontext():
            yield
    except Exception:
        logger.exception(
            "wagtail_tracking: could not record %s; the action itself went through.", what
        )


def save_event(event: ActivityEvent, scope: OperationScope | None = None, key=None) -> None:
    """Insert the event, or queue it when a bulk operation is running."""
    if scope is not None and scope.batch is not None:
        scope.batch.append(event)
    else:
        with guarded(f"the {event.action} event"):
            _insert(event)
        if event.pk is None:
            return
    if scope is not None and key is not None:
        scope.events[key] = event


def _insert(event: ActivityEvent) -> None:
    """One INSERT. In a transaction, without Model.save()'s round of signals to every app's
    receivers; outside one, save() (bulk_create would add BEGIN and COMMIT around it)."""
    using = _database()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and connection.features.can_return_rows_from_bulk_insert:
        ActivityEvent.objects.using(using).bulk_create([event])
    else:  # MySQL gives the event its id through save() only
        event.save(force_insert=True, using=using)


def _update_event(event: ActivityEvent, scope: OperationScope | None, fields: list[str]) -> bool:
    """Write changed fields of an event already recorded in this operation; False if it is gone."""
    if scope is not None and scope.batch is not None and event in scope.batch:
        return True  # still in memory, written with the batch
    if event.pk is None:
        return False
    updated = 0
    with guarded(f"the {event.action} event"):
        updated = (
            ActivityEvent.objects.using(_database())
            .filter(pk=event.pk)
            .update(**{name: getattr(event, name) for name in fields})
        )
    return updated == 1


# --- small lookups that never grow with the site ----------------------------------------------


def object_key(model, object_id) -> tuple:
    """Identifies one object across page types and proxies."""
    if model is None:
        return (None, str(object_id))
    if issubclass(model, AbstractPage):
        return ("page", str(object_id))
    return (model._meta.concrete_model._meta.label_lower, str(object_id))


def model_for_content_type(content_type_id):
    if content_type_id is None:
        return None
    try:
        return ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        return None


def content_type_id_for(model) -> int:
    return ContentType.objects.get_for_model(model, for_concrete_model=False).pk


def site_id_for_url_path(url_path: str | None) -> int | None:
    """The site serving a page, from Wagtail's cached site root paths (most specific first)."""
    if not url_path:
        return None
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return root.site_id
    return None


def current_source() -> str:
    if get_active_log_context().uuid is not None:
        return Source.ADMIN
    return Source.API if in_request() else Source.SYSTEM


def actor(user) -> tuple[int | None, str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user.pk, user.get_username()[:255]


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _cached(entry, name):
    descriptor = getattr(type(entry), name, None)
    if descriptor is not None and descriptor.is_cached(entry):
        return getattr(entry, name)
    return None


def _user_name(entry) -> str:
    if not entry.user_id:
        return ""
    user = _cached(entry, "user")
    if user is None:
        context_user = get_active_log_context().user
        if context_user is not None and context_user.pk == entry.user_id:
            user = context_user
    if user is not None:
        return user.get_username()[:255]
    from django.contrib.auth import get_user_model

    User = get_user_model()
    name = User._base_manager.filter(pk=entry.user_id).values_list(User.USERNAME_FIELD, flat=True)
    return (name.first() or "")[:255]


def revision_diff(revision) -> dict | None:
    """Changes between a revision and the one before it (one indexed query)."""
    if isinstance(revision, Revision):
        previous = (
            Revision.objects.filter(
                base_content_type_id=revision.base_content_type_id,
                object_id=revision.object_id,
                pk__lt=revision.pk,
            )
            .order_by("-pk")
            .values_list("content", flat=True)
            .first()
        )
        current = revision.content
    else:
        rows = list(
            Revision.objects.filter(
                pk__lte=revision,
                object_id__in=Revision.objects.filter(pk=revision).values("object_id"),
                base_content_type_id__in=Revision.objects.filter(pk=revision).values(
                    "base_content_type_id"
                ),
            )
            .order_by("-pk")
            .values_list("content", flat=True)[:2]
        )
        if len(rows) < 2:
            return None
        current, previous = rows
    if previous is None:
        return None
    return diffs.changes(previous, current)


def _attach_identity(event: ActivityEvent, object_type: str, object_id: str, title: str) -> None:
    """Fill affected user and group from the object itself."""
    if object_type == "user":
        event.affected_user_id = _as_int(object_id)
        event.affected_username = title[:255]
    elif object_type == "group":
        event.group_id = _as_int(object_id)


# --- Wagtail's log entries --------------------------------------------------------------------


def record_log_entry(entry) -> None:
    """Mirror one Wagtail log entry as one event (or one repeat of an autosave burst)."""
    if entry.action in tracking_settings.ACTIVITY_EXCLUDED_ACTIONS:
        return
    scope = current_scope()
    model, object_id = entry_object(entry)
    key = object_key(model, object_id)
    revision = _cached(entry, "revision")

    if _extend_autosave_burst(entry, revision, object_id):
        return

    pending = None
    if scope is not None:
        pending = scope.pending_changes.pop(key, None)
    diff = pending
    if (
        diff is None
        and tracking_settings.ACTIVITY_DIFFS
        and entry.revision_id
        and entry.action in REVISION_DIFF_ACTIONS
    ):
        diff = revision_diff(revision or entry.revision_id)

    existing = scope.events.get(key) if scope is not None else None
    if (
        existing is not None
        and entry.action in SUBSUMED_CREATE
        and existing.action == CREATE
        and existing.uuid == entry.uuid
    ):
        existing.action = entry.action
        existing.log_entry_id = entry.pk
        if _update_event(existing, scope, ["action", "log_entry_id"]):
            return
    gap_event_for_this_action = (
        existing is not None
        and existing.log_entry_id is None
        and (
            existing.action == entry.action
            or (existing.action in PROVISIONAL_ACTIONS and entry.action in (CREATE, EDIT))
        )
    )
    if gap_event_for_this_action:
        # The gap capture got here first: complete its event instead of adding one.
        existing.action = entry.action
        existing.log_entry_model = entry._meta.label_lower
        existing.log_entry_id = entry.pk
        existing.revision_id = entry.revision_id
        existing.object_title = (entry.label or existing.object_title)[:255]
        existing.diff = diffs.merge(existing.diff, diff)
        fields = [
            "action",
            "log_entry_model",
            "log_entry_id",
            "revision_id",
            "object_title",
            "diff",
        ]
        if _update_event(existing, scope, fields):
            return

    event = event_from_log_entry(
        entry,
        model=model,
        object_id=object_id,
        user_name=_user_name(entry),
        source=current_source(),
        diff=diff,
    )
    event.site_id = _site_for_entry(entry, event.object_type, object_id, key, scope)
    save_event(event, scope, key)


def event_from_log_entry(entry, *, model, object_id, user_name, source, diff=None) -> ActivityEvent:
    """The event mirroring a log entry; the caller adds the site."""
    object_type = object_type_for_model(model)
    event = ActivityEvent(
        timestamp=entry.timestamp,
        last_timestamp=entry.timestamp,
        user_id=entry.user_id,
        user_name=user_name,
        object_type=object_type,
        content_type_id=entry.content_type_id,
        object_id=object_id[:255],
        object_title=(entry.label or "")[:255],
        page_id=entry.__dict__.get("page_id"),
        action=entry.action[:255],
        diff=diff,
        revision_id=entry.revision_id,
        source=source,
        log_entry_model=entry._meta.label_lower,
        log_entry_id=entry.pk,
        uuid=entry.uuid,
    )
    _attach_identity(event, object_type, object_id, event.object_title)
    return event


def entry_object(entry) -> tuple[type | None, str]:
    """The model and object id a log entry is about (pages: the page, whatever its type)."""
    model = model_for_content_type(entry.content_type_id)
    page_id = entry.__dict__.get("page_id")
    if page_id is not None:
        return model or get_page_model(), str(page_id)
    return model, str(entry.__dict__.get("object_id") or "")


def _site_for_entry(entry, object_type, object_id, key, scope) -> int | None:
    if entry.__dict__.get("page_id") is not None:
        page = _cached(entry, "page")
        if page is not None:
            return site_id_for_url_path(page.url_path)
        Page = get_page_model()
        url_path = Page._base_manager.filter(pk=entry.page_id).values_list("url_path", flat=True)
        return site_id_for_url_path(url_path.first())
    if object_type == "site":
        return _as_int(object_id)
    if scope is not None:
        return scope.pending_sites.pop(key, None)
    return None


def _extend_autosave_burst(entry, revision, object_id) -> bool:
    """Count an autosave (a revision saved over) as one more repeat of the burst's event."""
    window = tracking_settings.ACTIVITY_COALESCE_WINDOW
    if (
        not window
        or revision is None
        or not getattr(revision, "_wagtail_tracking_overwritten", False)
        or entry.action not in tracking_settings.ACTIVITY_COALESCE_ACTIONS
    ):
        return False
    changes = {"last_timestamp": entry.timestamp, "repeat_count": F("repeat_count") + 1}
    if tracking_settings.ACTIVITY_DIFFS and entry.action in REVISION_DIFF_ACTIONS:
        changes["diff"] = revision_diff(revision)
    updated = 0
    with guarded("an autosave repeat"):
        updated = (
            ActivityEvent.objects.using(_database())
            .filter(
                revision_id=revision.pk,
                action=entry.action,
                user_id=entry.user_id,
                content_type_id=entry.content_type_id,
                object_id=object_id,
                last_timestamp__gte=entry.timestamp - timedelta(seconds=window),
            )
            .update(**changes)
        )
    return updated > 0


# --- gaps: saves and deletes Wagtail does not log ---------------------------------------------


def _event_for_instance(instance, action: str, scope, *, diff=None) -> ActivityEvent:
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
    _attach_identity(event, object_type, event.object_id, title)
    return event


def record_saved(instance, created: bool) -> None:
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
            _update_event(existing, scope, ["diff"])
        return
    event = _event_for_instance(instance, action, scope, diff=scope.pending_changes.pop(key, None))
    save_event(event, scope, key)


def record_deleted(instance) -> None:
    scope = admin_scope()
    if scope is None:
        return
    key = object_key(type(instance), instance.pk)
    existing = scope.events.get(key)
    if existing is not None and existing.action == DELETE:
        return
    save_event(_event_for_instance(instance, DELETE, scope), scope, key)


def record_change(instance, change: dict, action: str, **identity) -> None:
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
        if _update_event(existing, scope, ["diff"]):
            return
    event = _event_for_instance(instance, action, scope, diff=change)
    for name, value in identity.items():
        setattr(event, name, value)
    save_event(event, scope, key)


# --- field changes seen on save ---------------------------------------------------------------


def remember_before_save(instance, fields) -> None:
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


def remember_after_save(instance) -> None:
    scope = admin_scope()
    if scope is None:
        return
    key = object_key(type(instance), instance.pk)
    if (site_id := getattr(instance, "site_id", None)) is not None:
        scope.pending_sites[key] = site_id
    old = scope.pending_snapshots.pop(key, None)
    if old is None:
        return
    change = diffs.changes(old, diffs.snapshot(instance, list(old)))
    if change:
        scope.pending_changes[key] = diffs.merge(scope.pending_changes.get(key), change)


# --- bulk operations: one statement for N objects ---------------------------------------------


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
    if batch:
        with guarded(f"{len(batch)} events of a bulk action"):
            ActivityEvent.objects.using(_database()).bulk_create(batch)


def _bulk_event(action_type, obj, scope, form, user):
    data = getattr(form, "cleaned_data", None) or {}
    action = BULK_ACTIONS.get(action_type, "wagtail_tracking.bulk_action")
    change = None
    if action_type == "add_tags":
        tags = [tag.strip() for tag in str(data.get("tags", "")).split(",") if tag.strip()]
        change = diffs.set_change("tags", added=tags)
    elif action_type == "add_to_collection" and data.get("collection") is not None:
        change = diffs.changes(
            {"collection_id": obj.collection_id}, {"collection_id": data["collection"].pk}
        )
    elif action_type == "set_active_state":
        if user is not None and obj.pk == user.pk:
            return None  # Wagtail never deactivates the acting user
        change = diffs.changes(
            {"is_active": obj.is_active}, {"is_active": data.get("mark_as_active")}
        )
    elif action_type == "assign_role" and data.get("role") is not None:
        change = diffs.set_change("groups", added=[data["role"].name])
    event = _event_for_instance(obj, action, scope, diff=change or None)
    if action_type == "assign_role" and data.get("role") is not None:
        event.group_id = data["role"].pk
    return event


# --- authentication ---------------------------------------------------------------------------


def record_auth(action: str, request, user=None, attempted_username: str = "") -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    now = timezone.now()
    event = ActivityEvent(
        timestamp=now,
        last_timestamp=now,
        object_type=object_type_for_model(User),
        content_type_id=content_type_id_for(User),
        action=action,
        source=Source.AUTH,
    )
    if user is not None:
        event.user_id, event.user_name = actor(user)
        event.affected_user_id, event.affected_username = event.user_id, event.user_name
        event.object_id, event.object_title = str(user.pk), event.user_name
    else:
        # The actor is unknown; the account it tried is the affected user.
        event.affected_username = attempted_username[:150]
        event.object_title = event.affected_username
        match = User._default_manager.filter(**{User.USERNAME_FIELD: attempted_username})
        event.affected_user_id = match.values_list("pk", flat=True).first()
        event.object_id = str(event.affected_user_id or "")
    if request is not None:
        with contextlib.suppress(Exception):
            site = Site.find_for_request(request)
            event.site_id = site.pk if site else None
    save_event(event)


# --- permission helpers for the receivers -----------------------------------------------------


def permission_labels(permission_ids) -> list[str]:
    from django.contrib.auth.models import Permission

    rows = Permission.objects.filter(pk__in=permission_ids).values_list(
        "content_type__app_label", "codename"
    )
    return sorted(f"{app_label}.{codename}" for app_label, codename in rows)


__all__ = [
    "GROUPS_CHANGE",
    "PERMISSIONS_CHANGE",
    "finish_batch",
    "record_auth",
    "record_change",
    "record_deleted",
    "record_log_entry",
    "record_saved",
    "remember_after_save",
    "remember_before_save",
    "start_batch",
]
