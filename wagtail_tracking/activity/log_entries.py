"""Every Wagtail log entry, whatever wrote it, mirrored as one event.

Admin views, bulk actions, workflows, scheduled publishing, the API and custom code all write
log entries; each becomes one event in the same transaction, with its diff read from the
revision it points to. Within one operation an entry never doubles an event the gap capture
(``unlogged_changes``, ``bulk_actions``) recorded first for the same object: it completes it.
Autosaves (a revision saved over) within ``ACTIVITY_COALESCE_WINDOW`` are counted as repeats
of one event. The backfill builds its events with ``event_from_log_entry`` too.
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import F
from wagtail.log_actions import get_active_log_context
from wagtail.models import BaseLogEntry, Revision

from wagtail_tracking.compat import get_page_model
from wagtail_tracking.conf import tracking_settings

from . import diff as diffs
from .actions import CREATE, EDIT, PROVISIONAL_ACTIONS
from .context import OperationScope, current_scope
from .lookups import (
    as_int,
    attach_identity,
    cached_relation,
    current_source,
    model_for_content_type,
    object_key,
    site_id_for_url_path,
)
from .models import ActivityEvent
from .object_types import object_type_for_model
from .writes import events_database, guarded, save_event, update_event


# Actions whose diff is read from the revision they point to.
REVISION_DIFF_ACTIONS = frozenset({EDIT, "wagtail.revert"})
# Copying a page saves it, which Wagtail logs as a create before the copy: one action, one event.
SUBSUMED_CREATE = frozenset(
    {"wagtail.copy", "wagtail.create_alias", "wagtail.copy_for_translation"}
)
# What a log entry sets on the gap event it completes.
COMPLETED_FIELDS = [
    "action",
    "log_entry_model",
    "log_entry_id",
    "revision_id",
    "object_title",
    "diff",
]


def log_entry_models() -> list[type[BaseLogEntry]]:
    """Every concrete log model, registered with Wagtail or not (some apps log directly)."""
    return [model for model in apps.get_models() if issubclass(model, BaseLogEntry)]


def record_log_entry(entry: BaseLogEntry) -> None:
    """Mirror one Wagtail log entry as one event (or one repeat of an autosave burst)."""
    if entry.action in tracking_settings.ACTIVITY_EXCLUDED_ACTIONS:
        return
    model, object_id = entry_object(entry)
    revision = cached_relation(entry, "revision")
    if _extend_autosave_burst(entry, revision, object_id):
        return
    scope = current_scope()
    key = object_key(model, object_id)
    pending = scope.pending_changes.pop(key, None) if scope is not None else None
    diff = pending if pending is not None else _revision_diff_of(entry, revision)
    existing = scope.events.get(key) if scope is not None else None
    if existing is not None and (
        _fold_create_into_copy(existing, entry, scope)
        or _complete_gap_event(existing, entry, diff, scope)
    ):
        return
    event = event_from_log_entry(
        entry,
        model=model,
        object_id=object_id,
        user_name=entry_user_name(entry),
        source=current_source(),
        diff=diff,
    )
    event.site_id = site_for_entry(entry, event.object_type, object_id, key, scope)
    save_event(event, scope, key)


def _revision_diff_of(entry: BaseLogEntry, revision: Revision | None) -> dict | None:
    if (
        tracking_settings.ACTIVITY_DIFFS
        and entry.revision_id
        and entry.action in REVISION_DIFF_ACTIONS
    ):
        return revision_diff(revision or entry.revision_id)
    return None


def _fold_create_into_copy(
    existing: ActivityEvent, entry: BaseLogEntry, scope: OperationScope | None
) -> bool:
    """A copy's log entry turns the create its save was logged as into the copy."""
    if not (
        entry.action in SUBSUMED_CREATE
        and existing.action == CREATE
        and existing.uuid == entry.uuid
    ):
        return False
    existing.action = entry.action
    existing.log_entry_id = entry.pk
    return update_event(existing, scope, ["action", "log_entry_id"])


def _complete_gap_event(
    existing: ActivityEvent, entry: BaseLogEntry, diff: dict | None, scope: OperationScope | None
) -> bool:
    """The gap capture got here first: complete its event instead of adding one."""
    same_action = existing.action == entry.action or (
        existing.action in PROVISIONAL_ACTIONS and entry.action in (CREATE, EDIT)
    )
    if existing.log_entry_id is not None or not same_action:
        return False
    existing.action = entry.action
    existing.log_entry_model = entry._meta.label_lower
    existing.log_entry_id = entry.pk
    existing.revision_id = entry.revision_id
    existing.object_title = (entry.label or existing.object_title)[:255]
    existing.diff = diffs.merge(existing.diff, diff)
    return update_event(existing, scope, COMPLETED_FIELDS)


def event_from_log_entry(
    entry: BaseLogEntry, *, model, object_id: str, user_name: str, source: str, diff=None
) -> ActivityEvent:
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
    attach_identity(event, object_type, object_id, event.object_title)
    return event


def entry_object(entry: BaseLogEntry) -> tuple[type | None, str]:
    """The model and object id a log entry is about (pages: the page, whatever its type)."""
    model = model_for_content_type(entry.content_type_id)
    page_id = entry.__dict__.get("page_id")
    if page_id is not None:
        return model or get_page_model(), str(page_id)
    return model, str(entry.__dict__.get("object_id") or "")


def entry_user_name(entry: BaseLogEntry) -> str:
    """The acting user's name: from memory when the entry or the log context has the user."""
    if not entry.user_id:
        return ""
    user = cached_relation(entry, "user")
    if user is None:
        context_user = get_active_log_context().user
        if context_user is not None and context_user.pk == entry.user_id:
            user = context_user
    if user is not None:
        return user.get_username()[:255]
    User = get_user_model()
    name = User._base_manager.filter(pk=entry.user_id).values_list(User.USERNAME_FIELD, flat=True)
    return (name.first() or "")[:255]


def site_for_entry(
    entry: BaseLogEntry, object_type: str, object_id: str, key: tuple, scope: OperationScope | None
) -> int | None:
    """Pages: the site serving them; sites: themselves; site settings: the site saved with them."""
    if entry.__dict__.get("page_id") is not None:
        page = cached_relation(entry, "page")
        if page is not None:
            return site_id_for_url_path(page.url_path)
        Page = get_page_model()
        url_path = Page._base_manager.filter(pk=entry.page_id).values_list("url_path", flat=True)
        return site_id_for_url_path(url_path.first())
    if object_type == "site":
        return as_int(object_id)
    if scope is not None:
        return scope.pending_sites.pop(key, None)
    return None


def _extend_autosave_burst(entry: BaseLogEntry, revision: Revision | None, object_id: str) -> bool:
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
            ActivityEvent.objects.using(events_database())
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


def revision_diff(revision: Revision | int) -> dict | None:
    """Changes between a revision (or a revision id) and the one before it (one indexed query)."""
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
