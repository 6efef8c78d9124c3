"""Per-thread capture state: the off switch, the current request and the current operation.

An *operation* is what Wagtail groups under one ``LogContext`` uuid: everything one admin request
does. Its scope remembers which objects already have an event, so that the gap capture and
Wagtail's own log entries never count one action twice, and collects the events of bulk
operations so that they are written in one statement.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from asgiref.local import Local
from wagtail.log_actions import get_active_log_context

from wagtail_tracking.conf import tracking_settings


_state = Local()


class disable_tracking(contextlib.ContextDecorator):
    """Record nothing inside this block (imports, migrations, scripts)::

    with disable_tracking():
        import_pages()
    """

    def __enter__(self):
        _state.disabled = getattr(_state, "disabled", 0) + 1
        return self

    def __exit__(self, *exc_info):
        _state.disabled -= 1
        return False


def capture_enabled() -> bool:
    return (
        tracking_settings.ENABLED
        and tracking_settings.ACTIVITY_CAPTURE
        and not getattr(_state, "disabled", 0)
    )


def request_started() -> None:
    _state.in_request = True
    _state.request_token = object()
    _state.scope = None


def request_finished() -> None:
    _state.in_request = False
    _state.request_token = None
    _state.scope = None


def in_request() -> bool:
    return getattr(_state, "in_request", False)


@dataclass
class OperationScope:
    # The LogContext uuid in the admin; outside it, a token of the HTTP request.
    key: Any
    uuid: Any
    # (object key) -> the ActivityEvent recorded for that object in this operation.
    events: dict = field(default_factory=dict)
    # (object key) -> field values read before a save, compared after it.
    pending_snapshots: dict = field(default_factory=dict)
    # (object key) -> field changes seen on save, waiting for the log entry that describes them.
    pending_changes: dict = field(default_factory=dict)
    # (object key) -> site id seen on save (site settings), for the same log entry.
    pending_sites: dict = field(default_factory=dict)
    # Events of a bulk operation, written together when it ends; None outside bulk operations.
    batch: list | None = None


def current_scope() -> OperationScope | None:
    """The scope of the current operation: an admin action or another HTTP request (the API).

    None in scripts and commands, which may run for hours: nothing is remembered there.
    """
    uuid = get_active_log_context().uuid
    key = uuid if uuid is not None else getattr(_state, "request_token", None)
    if key is None:
        return None
    scope = getattr(_state, "scope", None)
    if scope is None or scope.key is not key:
        scope = _state.scope = OperationScope(key=key, uuid=uuid)
    return scope


def admin_scope() -> OperationScope | None:
    """The scope of an admin action (inside Wagtail's ``LogContext``), or None."""
    scope = current_scope()
    return scope if scope is not None and scope.uuid is not None else None
