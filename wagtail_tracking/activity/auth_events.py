"""Logins, logouts and failed logins to the Wagtail admin, as events about the user account.

Wagtail logs none of them. A failed login has no actor: the account it tried is the affected
user, when one has that name.
"""

from __future__ import annotations

import contextlib

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Site

from .lookups import actor, content_type_id_for
from .models import ActivityEvent
from .object_types import object_type_for_model
from .writes import save_event


def record_auth(
    action: str, request: HttpRequest | None, user=None, attempted_username: str = ""
) -> None:
    User = get_user_model()
    now = timezone.now()
    event = ActivityEvent(
        timestamp=now,
        last_timestamp=now,
        object_type=object_type_for_model(User),
        content_type_id=content_type_id_for(User),
        action=action,
        source=ActivityEvent.Source.AUTH,
    )
    if user is not None:
        event.user_id, event.user_name = actor(user)
        event.affected_user_id, event.affected_username = event.user_id, event.user_name
        event.object_id, event.object_title = str(user.pk), event.user_name
    else:
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
