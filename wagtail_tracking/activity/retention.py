"""Retention and privacy: delete old events, pseudonymise actor names, erase one person.

A pseudonym is a keyed hash of the user id (or, for an unknown account, of the name), so one
person keeps one stable pseudonym across events and reports, and nobody without the
project's ``SECRET_KEY`` can link it back.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail_tracking.periods import site_time_zone

from . import actions
from .models import ActivityEvent
from .rollups import forget_rollups
from .writes import save_event


PSEUDONYM_PATTERN = r"^user-[0-9a-f]{12}$"
_PSEUDONYM = re.compile(PSEUDONYM_PATTERN)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (clamped to the month's end)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def prune(before: datetime, *, batch_size: int = 5000) -> int:
    """Delete events older than ``before``, in batches so that locks and transactions stay short.

    The rollups of the days pruned go too: counts outlive no event.
    """
    deleted = 0
    while True:
        with transaction.atomic():
            ids = list(
                ActivityEvent.objects.filter(timestamp__lt=before)
                .order_by()
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                break
            deleted += ActivityEvent.objects.filter(pk__in=ids).delete()[0]
    forget_rollups(last=before.astimezone(site_time_zone()).date())
    record_shrinking(actions.EVENTS_PRUNED, deleted)
    return deleted


def record_shrinking(action: str, count: int) -> None:
    """A system event saying the log lost (or pseudonymised) ``count`` events; never who."""
    if count:
        now = timezone.now()
        save_event(
            ActivityEvent(
                timestamp=now,
                last_timestamp=now,
                object_type="other",
                action=action,
                source=ActivityEvent.Source.SYSTEM,
                diff={"count": count},
            )
        )


def pseudonym(*, user_id: int | None = None, name: str = "") -> str:
    subject = f"user:{user_id}" if user_id is not None else f"name:{name}"
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"wagtail_tracking.activity:{subject}".encode(),
        hashlib.sha256,
    )
    return f"user-{digest.hexdigest()[:12]}"


def is_pseudonym(name: str) -> bool:
    return bool(_PSEUDONYM.match(name or ""))


def anonymise(queryset, *, batch_size: int = 2000) -> int:
    """Replace actor and affected names (and user objects' titles and values) with pseudonyms."""
    queryset = queryset.filter(
        (~Q(user_name="") & ~Q(user_name__regex=PSEUDONYM_PATTERN))
        | (~Q(affected_username="") & ~Q(affected_username__regex=PSEUDONYM_PATTERN))
    ).order_by("pk")
    changed = 0
    last_pk = 0
    fields = [
        "user_id",
        "user_name",
        "affected_user_id",
        "affected_username",
        "object_type",
        "object_title",
        "diff",
    ]
    while True:
        batch = list(queryset.filter(pk__gt=last_pk).only("pk", *fields)[:batch_size])
        if not batch:
            return changed
        last_pk = batch[-1].pk
        for event in batch:
            _pseudonymise(event)
        with transaction.atomic():
            ActivityEvent.objects.bulk_update(
                batch, ["user_name", "affected_username", "object_title", "diff"]
            )
        changed += len(batch)


def _pseudonymise(event: ActivityEvent) -> None:
    if event.user_name and not is_pseudonym(event.user_name):
        event.user_name = pseudonym(user_id=event.user_id, name=event.user_name)
    if event.affected_username and not is_pseudonym(event.affected_username):
        event.affected_username = pseudonym(
            user_id=event.affected_user_id, name=event.affected_username
        )
        if event.object_type == "user":
            event.object_title = event.affected_username
    if event.object_type == "user" and event.diff and "changed" in event.diff:
        # A user's own fields (names, email) are personal data: keep which changed, not the values.
        event.diff = {**event.diff, "changed": dict.fromkeys(event.diff["changed"], ["***", "***"])}


def anonymise_older_than(days: int, **kwargs) -> int:
    return anonymise(
        ActivityEvent.objects.filter(timestamp__lt=timezone.now() - timedelta(days=days)), **kwargs
    )


def erase_person(identifier: str, **kwargs) -> int:
    """GDPR erasure: pseudonymise every event by or about one person, whatever its age.

    ``identifier`` is a user id or a username; the account may already be deleted.
    """
    User = get_user_model()
    user_ids = set()
    if identifier.isdigit():
        user_ids.add(int(identifier))
    user_ids |= set(
        User._base_manager.filter(**{User.USERNAME_FIELD: identifier}).values_list("pk", flat=True)
    )
    user_ids |= set(
        ActivityEvent.objects.filter(user_name=identifier)
        .exclude(user_id=None)
        .values_list("user_id", flat=True)
        .distinct()
    )
    events = ActivityEvent.objects.filter(
        Q(user_id__in=user_ids)
        | Q(affected_user_id__in=user_ids)
        | Q(user_name=identifier)
        | Q(affected_username=identifier)
    )
    count = anonymise(events, **kwargs)
    record_shrinking(actions.EVENTS_ERASED, count)
    return count
