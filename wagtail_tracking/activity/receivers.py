"""Signal receivers, connected by ``signal_handlers.register_signal_handlers()``.

Each receiver is a thin guard (capture on? fixture load? wrong model?) around a function of
``log_entries``, ``unlogged_changes`` or ``auth_events``; a failure is logged, never raised into
the action that sent the signal.
"""

from __future__ import annotations

import functools
import logging

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Revision,
    RevisionMixin,
)

from wagtail_tracking.conf import tracking_settings

from . import context, unlogged_changes
from .actions import GROUPS_CHANGE, LOGIN, LOGIN_FAILED, LOGOUT, PERMISSIONS_CHANGE
from .auth_events import record_auth, record_failed_login
from .diff import set_change
from .log_entries import record_log_entry
from .object_types import OTHER, object_type_for_model


logger = logging.getLogger("wagtail_tracking.activity")
# The object permission models: the diff key of their changes and the field naming the object.
OBJECT_PERMISSIONS = {
    GroupPagePermission: ("page_permissions", "page"),
    GroupCollectionPermission: ("collection_permissions", "collection"),
}


def never_raises(receiver):
    @functools.wraps(receiver)
    def wrapper(*args, **kwargs):
        if not context.capture_enabled():
            return
        try:
            receiver(*args, **kwargs)
        except Exception:
            logger.exception("wagtail_tracking: activity capture failed in %s.", receiver.__name__)

    return wrapper


@functools.cache
def _tracks_field_changes(model) -> bool:
    """Models whose admin saves are diffed field by field (revisioned ones diff revisions)."""
    return object_type_for_model(model) not in (OTHER, "page") and not issubclass(
        model, RevisionMixin
    )


@functools.cache
def _unlogged_models() -> tuple[type, ...]:
    """Objects whose admin views save without logging (multi-upload, collection views)."""
    models: list[type] = [Collection]
    if apps.is_installed("wagtail.images"):
        from wagtail.images.models import AbstractImage

        models.append(AbstractImage)
    if apps.is_installed("wagtail.documents"):
        from wagtail.documents.models import AbstractDocument

        models.append(AbstractDocument)
    return tuple(models)


@functools.cache
def saved_without_log(model) -> bool:
    return issubclass(model, _unlogged_models())


# --- Wagtail's log entries --------------------------------------------------------------------


@never_raises
def log_entry_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record_log_entry(instance)


# --- saves and deletes ------------------------------------------------------------------------


def before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        # Loading fixtures: the m2m changes that follow (groups, permissions) are not actions.
        instance._wagtail_tracking_raw = True
        return
    if sender is Revision:
        # An autosave writes over the draft revision; the burst's event counts it as a repeat.
        instance._wagtail_tracking_overwritten = not instance._state.adding
        return
    if instance._state.adding or not _tracks_field_changes(sender):
        return
    _remember_before_save(sender, instance, update_fields)


@never_raises
def _remember_before_save(sender, instance, update_fields):
    if tracking_settings.ACTIVITY_DIFFS:
        unlogged_changes.remember_before_save(instance, update_fields)


def after_save(sender, instance, created, raw=False, **kwargs):
    if not raw and _tracks_field_changes(sender):
        _after_tracked_save(sender, instance, created)


@never_raises
def _after_tracked_save(sender, instance, created):
    unlogged_changes.remember_after_save(instance)
    if saved_without_log(sender):
        unlogged_changes.record_saved(instance, created)


@never_raises
def after_delete(sender, instance, **kwargs):
    unlogged_changes.record_deleted(instance)


# --- groups and permissions -------------------------------------------------------------------


def _m2m_ids(action, instance, field_name, pk_set):
    """(added, removed) primary keys of an m2m change; a clear removes what was there."""
    if action == "post_add":
        return pk_set or set(), set()
    if action == "post_remove":
        return set(), pk_set or set()
    if action == "pre_clear":
        return set(), set(getattr(instance, field_name).values_list("pk", flat=True))
    return None


@never_raises
def user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if getattr(instance, "_wagtail_tracking_raw", False):
        return
    User = get_user_model()
    if reverse:
        # group.user_set.add(users): one change per user.
        change_ids = _m2m_ids(action, instance, "user_set", pk_set)
        if change_ids is None:
            return
        added, removed = change_ids
        for user in User._default_manager.filter(pk__in=added | removed):
            change = set_change(
                "groups",
                added=[instance.name] if user.pk in added else (),
                removed=[instance.name] if user.pk in removed else (),
            )
            unlogged_changes.record_change(user, change, GROUPS_CHANGE, group_id=instance.pk)
        return
    change_ids = _m2m_ids(action, instance, "groups", pk_set)
    if change_ids is None or not any(change_ids):
        return
    added, removed = change_ids
    names = dict(Group.objects.filter(pk__in=added | removed).values_list("pk", "name"))
    change = set_change(
        "groups",
        added=sorted(names[pk] for pk in added if pk in names),
        removed=sorted(names[pk] for pk in removed if pk in names),
    )
    identity = {"group_id": next(iter(added | removed))} if len(added | removed) == 1 else {}
    unlogged_changes.record_change(instance, change, GROUPS_CHANGE, **identity)


@never_raises
def permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or getattr(instance, "_wagtail_tracking_raw", False):
        return  # permission.group_set / user_set: not something the admin does
    field_name = "permissions" if isinstance(instance, Group) else "user_permissions"
    change_ids = _m2m_ids(action, instance, field_name, pk_set)
    if change_ids is None or not any(change_ids):
        return
    added, removed = change_ids
    change = set_change(
        "permissions",
        added=_permission_labels(added),
        removed=_permission_labels(removed),
    )
    identity = {"group_id": instance.pk} if isinstance(instance, Group) else {}
    unlogged_changes.record_change(instance, change, PERMISSIONS_CHANGE, **identity)


def _permission_labels(permission_ids) -> list[str]:
    rows = Permission.objects.filter(pk__in=permission_ids).values_list(
        "content_type__app_label", "codename"
    )
    return sorted(f"{app_label}.{codename}" for app_label, codename in rows)


def _object_permission_changed(sender, instance, *, removed: bool) -> None:
    key, object_field = OBJECT_PERMISSIONS[sender]
    item = {
        object_field: getattr(instance, f"{object_field}_id"),
        "permission": instance.permission.codename,
    }
    change = set_change(key, added=() if removed else [item], removed=[item] if removed else ())
    unlogged_changes.record_change(
        instance.group, change, PERMISSIONS_CHANGE, group_id=instance.group_id
    )


@never_raises
def object_permission_saved(sender, instance, created, raw=False, **kwargs):
    """A page or collection permission given to a group (outside the group editor's panels)."""
    if created and not raw:
        _object_permission_changed(sender, instance, removed=False)


@never_raises
def object_permission_deleted(sender, instance, **kwargs):
    _object_permission_changed(sender, instance, removed=True)


# --- authentication ---------------------------------------------------------------------------


def _can_access_admin(user) -> bool:
    return user is not None and user.is_active and user.has_perm("wagtailadmin.access_admin")


def _is_admin_login(request) -> bool:
    try:
        return request is not None and request.path == reverse("wagtailadmin_login")
    except NoReverseMatch:
        return False


@never_raises
def logged_in(sender, request, user, **kwargs):
    if tracking_settings.ACTIVITY_AUTH_EVENTS and _can_access_admin(user):
        record_auth(LOGIN, request, user)


@never_raises
def logged_out(sender, request, user, **kwargs):
    if tracking_settings.ACTIVITY_AUTH_EVENTS and _can_access_admin(user):
        record_auth(LOGOUT, request, user)


@never_raises
def login_failed(sender, credentials, request=None, **kwargs):
    if tracking_settings.ACTIVITY_AUTH_EVENTS and _is_admin_login(request):
        User = get_user_model()
        attempted = credentials.get(User.USERNAME_FIELD) or credentials.get("username") or ""
        record_failed_login(LOGIN_FAILED, request, str(attempted))


# --- requests ---------------------------------------------------------------------------------


def request_started(sender, **kwargs):
    context.request_started()


def request_finished(sender, **kwargs):
    context.request_finished()
