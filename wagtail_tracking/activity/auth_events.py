"""Logins, logouts and failed logins to the Wagtail admin, as events about the user account.

Wagtail logs none of them. A failed login has no actor: the account it tried is the affected
user, when one has that name. Anyone can fail a login, so failed logins are counted, not listed:
one event per account tried (or per "unknown name") per site and hour, whose ``repeat_count``
grows. What was typed is never stored: a password typed into the name field must not reach the
log, its exports or its inspect view.
"""

from __future__ import annotations

import contextlib
import datetime

from django.contrib.auth import get_user_model
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Site

from .lookups import actor, content_type_id_for
from .models import ActivityEvent
from .object_types import object_type_for_model
from .stream import announce, events_recorded
from .writes import events_database, guarded, save_event


#: Failed logins of one account (or of names that match none) in one such window share an event.
FAILED_LOGIN_WINDOW = datetime.timedelta(hours=1)


def _new_event(action: str) -> ActivityEvent:
    User = get_user_model()
    now = timezone.now()
    return ActivityEvent(
        timestamp=now,
        last_timestamp=now,
        object_type=object_type_for_model(User),
        content_type_id=content_type_id_for(User),
        action=action,
        source=ActivityEvent.Source.AUTH,
    )


def _site_id(request: HttpRequest | None) -> int | None:
    if request is None:
        return None
    with contextlib.suppress(Exception):
        site = Site.find_for_request(request)
        return site.pk if site else None
    return None


def record_auth(action: str, request: HttpRequest | None, user) -> None:
    """A login or logout of ``user``."""
    event = _new_event(action)
    event.user_id, event.user_name = actor(user)
    event.affected_user_id, event.affected_username = event.user_id, event.user_name
    event.object_id, event.object_title = str(user.pk), event.user_name
    event.site_id = _site_id(request)
    save_event(event)


def existing_account(attempted: str) -> tuple[int, str] | None:
    """The id and stored name of the account ``attempted`` names, if any."""
    User = get_user_model()
    field = User._meta.get_field(User.USERNAME_FIELD)
    max_length = getattr(field, "max_length", None) or 255
    if not attempted or "\x00" in attempted or len(attempted) > max_length:
        return None  # names no account (and PostgreSQL refuses NUL in a query)
    found = (
        User._default_manager.filter(**{User.USERNAME_FIELD: attempted})
        .values_list("pk", User.USERNAME_FIELD)
        .first()
    )
    return (found[0], str(found[1])) if found else None


def record_failed_login(action: str, request: HttpRequest | None, attempted: str) -> None:
    """Count one failed login in its account's (or the unknown names') event of this hour."""
    event = _new_event(action)
    account = existing_account(attempted)
    if account:
        event.affected_user_id, event.affected_username = account
        event.object_id, event.object_title = str(account[0]), account[1]
    event.site_id = _site_id(request)
    now = event.timestamp
    window_start = now - (now - datetime.datetime.min.replace(tzinfo=now.tzinfo)) % (
        FAILED_LOGIN_WINDOW
    )
    with guarded("a failed login"):
        events = ActivityEvent.objects.using(events_database())
        current = (
            events.filter(
                action=action,
                source=ActivityEvent.Source.AUTH,
                affected_user_id=event.affected_user_id,
                site_id=event.site_id,
                timestamp__gte=window_start,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if current is not None:
            # One statement: concurrent failures each add theirs, none is lost.
            events.filter(pk=current).update(repeat_count=F("repeat_count") + 1, last_timestamp=now)
            # The stream's readers (alert rules) see each attempt, not only the hour's first.
            if events_recorded.has_listeners(ActivityEvent):
                announce(list(events.filter(pk=current)))
            return
    save_event(event)
