"""Per-thread capture state: the off switch, the current request and the current operation.

An *operation* is what Wagtail groups under one ``LogContext`` uuid: everything one admin request
does. Its scope remembers which objects already have an event, so that the gap capture and
Wagtail's own log entries never count one action twice, and collects the events of bulk
operations so that they are written in one statement.
"""

from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

from asgiref.local import Local
from wagtail.log_actions import get_active_log_context

from wagtail_tracking.conf import tracking_settings


if TYPE_CHECKING:
    from .models import ActivityEvent


_state = Local()


class disable_activity_capture(contextlib.ContextDecorator):
    """Record nothing inside this block (imports, migrations, scripts)::

        with disable_activity_capture():
            import_pages()


        @disable_activity_capture()
        def import_pages(): ...

    Per thread, and nestable.
    """

    def __enter__(self) -> Self:
        _state.disabled = getattr(_state, "disabled", 0) + 1
        return self

    def __exit__(self, *exc_info: object) -> None:
        _state.disabled -= 1


class disable_tracking(disable_activity_capture):
    """Deprecated: the former name of ``disable_activity_capture()``, shown in early READMEs.

    It only ever turned off the activity log, never the trackers or the usage counters.
    """

    def __init__(self) -> None:
        warnings.warn(
            "wagtail_tracking.activity.disable_tracking() is deprecated: use "
            "disable_activity_capture() (it only turns off the activity log).",
            DeprecationWarning,
            stacklevel=2,
        )


def capture_enabled() -> bool:
    return bool(
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
    return bool(getattr(_state, "in_request", False))


@dataclass
class OperationScope:
    # The LogContext uuid in the admin; outside it, a token of the HTTP request.
    key: Any
    uuid: Any
    # (object key) -> the ActivityEvent recorded for that object in this operation.
    events: dict[tuple[Any, ...], ActivityEvent] = field(default_factory=dict)
    # (object key) -> field values read before a save, compared after it.
    pending_snapshots: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    # (object key) -> field changes seen on save, waiting for the log entry that describes them.
    pending_changes: dict[tuple[Any, ...], dict[str, Any] | None] = field(default_factory=dict)
    # (object key) -> site id seen on save (site settings), for the same log entry.
    pending_sites: dict[tuple[Any, ...], int] = field(default_factory=dict)
    # Events of a bulk operation, written together when it ends; None outside bulk operations.
    batch: list[ActivityEvent] | None = None


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
