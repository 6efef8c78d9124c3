"""Connect the activity log's receivers (``receivers``) when the app is ready: all, or none.

With ``ENABLED`` or ``ACTIVITY_CAPTURE`` False at start-up nothing is connected, so saves,
deletes, m2m changes, requests and logins cost nothing. Each receiver still checks the switches
when it runs (``context.capture_enabled()``), so turning capture off later (in tests,
``disable_activity_capture()``) records nothing either.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.contrib.auth.models import Group
from django.core import signals as core_signals
from django.db.models import signals

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.wiring import Connection, connect, disconnect

from . import receivers
from .log_entries import log_entry_models


DISPATCH_PREFIX = "wagtail_tracking.activity"


def register_signal_handlers() -> None:
    """Connect every receiver, unless capture is switched off for the process's lifetime."""
    if not (tracking_settings.ENABLED and tracking_settings.ACTIVITY_CAPTURE):
        return
    connect(connections())
    if apps.is_installed("wagtail_modeladmin"):
        # The optional integration: imported only when wagtail-modeladmin is installed.
        from .modeladmin import capture_inspections

        capture_inspections()


def disconnect_signal_handlers() -> None:
    """Undo ``register_signal_handlers()`` (tests of the start-up switches)."""
    disconnect(connections())


def connections() -> list[Connection]:
    return [
        *_log_entry_connections(),
        *_save_connections(),
        *_permission_connections(),
        *_auth_and_request_connections(),
    ]


def _uid(*parts: str) -> str:
    return ".".join((DISPATCH_PREFIX, *parts))


def _log_entry_connections() -> Iterator[Connection]:
    for model in log_entry_models():
        yield Connection(
            signals.post_save, receivers.log_entry_saved, _uid(model._meta.label), model
        )


def _save_connections() -> Iterator[Connection]:
    yield Connection(signals.pre_save, receivers.before_save, _uid("pre_save"))
    yield Connection(signals.post_save, receivers.after_save, _uid("post_save"))
    # Only on the models deleted without a log entry: a receiver for every model would turn
    # off Django's fast deletes everywhere (sessions, renditions…).
    for model in apps.get_models():
        if receivers.saved_without_log(model):
            yield Connection(
                signals.post_delete,
                receivers.after_delete,
                _uid(model._meta.label, "delete"),
                model,
            )


def _permission_connections() -> Iterator[Connection]:
    User = get_user_model()
    many_to_many = (
        (User, "groups", receivers.user_groups_changed, "groups"),
        (User, "user_permissions", receivers.permissions_changed, "user_permissions"),
        (Group, "permissions", receivers.permissions_changed, "group_permissions"),
    )
    for model, field_name, receiver, uid in many_to_many:
        if hasattr(model, field_name):  # a custom user model may have neither
            through = getattr(model, field_name).through
            yield Connection(signals.m2m_changed, receiver, _uid(uid), through)
    for model in receivers.OBJECT_PERMISSIONS:
        label = model._meta.label
        yield Connection(signals.post_save, receivers.object_permission_saved, _uid(label), model)
        yield Connection(
            signals.post_delete, receivers.object_permission_deleted, _uid(label, "delete"), model
        )


def _auth_and_request_connections() -> Iterator[Connection]:
    yield Connection(auth_signals.user_logged_in, receivers.logged_in, _uid("login"))
    yield Connection(auth_signals.user_logged_out, receivers.logged_out, _uid("logout"))
    yield Connection(auth_signals.user_login_failed, receivers.login_failed, _uid("login_failed"))
    yield Connection(
        core_signals.request_started, receivers.request_started, _uid("request_started")
    )
    yield Connection(
        core_signals.request_finished, receivers.request_finished, _uid("request_finished")
    )
