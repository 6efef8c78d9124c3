"""90 days of believable back-office activity for the sandbox's reports.

Generated, not replayed: the plugin records real actions from then on. Deterministic per day
(a seeded random generator) and idempotent: a day that already has its demo events is skipped,
so running the demo-data command again only fills the days that passed since.

The history is consistent: every demo object is created, by a member of the team, on the first
demo day (the command creates the objects themselves with capture off), and no demo action
creates or deletes an object that exists today.
"""

from __future__ import annotations

import datetime
import random
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from wagtail_tracking.activity.diff import MASK
from wagtail_tracking.activity.lookups import site_id_for_url_path
from wagtail_tracking.activity.rollups import forget_rollups
from wagtail_tracking.models import ActivityEvent

from .models import Author


DAYS = 90
NAMESPACE = uuid.UUID("0b6f3a52-5c1e-4c55-9e43-6f1f6f0d2a90")
# (username, share of the team's work, works at weekends)
ACTORS = [
    ("editor", 0.45, False),
    ("admin", 0.25, True),
    ("moderator", 0.2, False),
    ("analyst", 0.1, False),
]
# (object type, action, weight): pages get most of the work, drafts more than publications.
ACTIONS = [
    ("page", "wagtail.edit", 30),
    ("page", "wagtail.publish", 12),
    ("page", "wagtail.unpublish", 1),
    ("page", "wagtail.move", 1),
    ("page", "wagtail.copy", 1),
    ("page", "wagtail.lock", 1),
    ("page", "wagtail.unlock", 1),
    ("page", "wagtail.workflow.start", 2),
    ("page", "wagtail.workflow.approve", 2),
    ("page", "wagtail.comments.create", 2),
    ("snippet", "wagtail.edit", 5),
    ("snippet", "wagtail.publish", 2),
    ("image", "wagtail.edit", 2),
    ("document", "wagtail.edit", 2),
    ("user", "wagtail.edit", 1),
    ("group", "wagtail_tracking.permissions_change", 1),
    ("collection", "wagtail.edit", 1),
]
EDITED_FIELDS = {
    "page": ["title", "intro", "body", "search_description"],
    "snippet": ["name", "role", "biography"],
    "image": ["title", "collection"],
    "user": ["first_name", "email", "is_active"],
}


def load_activity_history(stdout=None) -> int:
    """Add the demo events of every one of the last 90 days that has none yet."""
    objects = _objects_by_type()
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=[a[0] for a in ACTORS])
    }
    actors = [a for a in ACTORS if a[0] in users]
    if not objects.get("page") or not actors:
        return 0
    local = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=offset) for offset in range(DAYS, 0, -1)]
    done = set(
        ActivityEvent.objects.filter(uuid__in=[_day_marker(day) for day in days]).values_list(
            "uuid", flat=True
        )
    )
    events = []
    for day in days:
        if _day_marker(day) in done:
            continue
        events.extend(_events_for_day(day, local, actors, users, objects))
        if day == days[0]:
            events.extend(_creation_events(day, local, users, objects))
    ActivityEvent.objects.bulk_create(events, batch_size=500)
    if events:
        forget_rollups(first=days[0])  # past days gained events: summarise them again
    if stdout is not None and events:
        stdout.write(f"  Activity log: {len(events)} demo events over the last {DAYS} days.")
    return len(events)


def _day_marker(day) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"day-{day.isoformat()}")


def _objects_by_type() -> dict[str, list[tuple]]:
    """(content type id, object id, title, page id, site id) of real sandbox objects, by type."""

    def rows(model, object_type, queryset=None, title=str):
        content_type = ContentType.objects.get_for_model(model)
        return [
            (content_type.pk, str(obj.pk), title(obj)[:255], None, None)
            for obj in (queryset if queryset is not None else model.objects.all())
        ]

    pages = [
        (
            page.content_type_id,
            str(page.pk),
            page.title,
            page.pk,
            site_id_for_url_path(page.url_path),
        )
        for page in Page.objects.filter(depth__gt=1).only(
            "pk", "title", "url_path", "content_type_id"
        )
    ]
    User = get_user_model()
    return {
        "page": pages,
        "snippet": rows(Author, "snippet"),
        "image": rows(get_image_model(), "image"),
        "document": rows(get_document_model(), "document"),
        "user": rows(User, "user", title=lambda user: user.get_username()),
        "group": rows(Group, "group"),
        "collection": rows(Collection, "collection", Collection.objects.filter(depth__gt=1))
        or rows(Collection, "collection"),
        "site": rows(Site, "site"),
    }


def _events_for_day(day, local, actors, users, objects) -> list[ActivityEvent]:
    rng = random.Random(day.toordinal())
    weekend = day.weekday() >= 5
    # Busy Tuesdays and Thursdays, a quiet Friday afternoon, almost nothing at weekends.
    volume = {0: 24, 1: 34, 2: 26, 3: 32, 4: 18, 5: 3, 6: 2}[day.weekday()]
    volume = max(0, int(volume * rng.uniform(0.6, 1.4)))
    choices = [a for a in ACTIONS if objects.get(a[0])]
    day_uuid = _day_marker(day)
    events = []
    active = set()
    for index in range(volume):
        pool = [a for a in actors if a[2] or not weekend] or actors
        username = rng.choices([a[0] for a in pool], weights=[a[1] for a in pool])[0]
        object_type, action, _ = rng.choices(choices, weights=[a[2] for a in choices])[0]
        content_type_id, object_id, title, page_id, site_id = rng.choice(objects[object_type])
        hour = min(19, max(7, int(rng.gauss(11 if rng.random() < 0.6 else 15, 2))))
        moment = datetime.datetime.combine(
            day, datetime.time(hour, rng.randrange(60), rng.randrange(60)), local
        )
        user = users[username]
        active.add(username)
        repeat_count = (
            rng.randint(2, 40)
            if action == "wagtail.edit"
            and object_type in ("page", "snippet")
            and rng.random() < 0.5
            else 1
        )
        event = ActivityEvent(
            timestamp=moment,
            last_timestamp=moment + datetime.timedelta(seconds=15 * (repeat_count - 1)),
            site_id=site_id,
            user_id=user.pk,
            user_name=username,
            object_type=object_type,
            content_type_id=content_type_id,
            object_id=object_id,
            object_title=title,
            page_id=page_id,
            action=action,
            diff=_diff(rng, object_type, action, title),
            source="admin" if rng.random() > 0.05 else "api",
            uuid=day_uuid if index == 0 else uuid.uuid5(NAMESPACE, f"{day.isoformat()}-{index}"),
            repeat_count=repeat_count,
        )
        if object_type == "user":
            event.affected_user_id, event.affected_username = int(object_id), title
        elif object_type == "group":
            event.group_id = int(object_id)
        events.append(event)
    for username in sorted(active):
        moment = datetime.datetime.combine(day, datetime.time(8, rng.randrange(60)), local)
        user = users[username]
        events.append(
            ActivityEvent(
                timestamp=moment,
                last_timestamp=moment,
                user_id=user.pk,
                user_name=username,
                object_type="user",
                content_type_id=ContentType.objects.get_for_model(user).pk,
                object_id=str(user.pk),
                object_title=username,
                affected_user_id=user.pk,
                affected_username=username,
                action="wagtail_tracking.login",
                source="auth",
            )
        )
    return events


# Who creates what on the first demo day: the team's content people, never "System".
CREATORS = {"page": "editor", "snippet": "editor", "image": "editor", "document": "editor"}
CREATED_TYPES = ("collection", "image", "document", "snippet", "page")


def _creation_events(day, local, users, objects) -> list[ActivityEvent]:
    """Each demo object created once, early on the first day, before anything else happens."""
    events = []
    moment = datetime.datetime.combine(day, datetime.time(6, 0), local)
    for object_type in CREATED_TYPES:
        username = CREATORS.get(object_type, "admin")
        user = users.get(username) or users.get("admin") or next(iter(users.values()))
        for content_type_id, object_id, title, page_id, site_id in objects.get(object_type, []):
            moment += datetime.timedelta(seconds=37)
            events.append(
                ActivityEvent(
                    timestamp=moment,
                    last_timestamp=moment,
                    site_id=site_id,
                    user_id=user.pk,
                    user_name=user.get_username(),
                    object_type=object_type,
                    content_type_id=content_type_id,
                    object_id=object_id,
                    object_title=title,
                    page_id=page_id,
                    action="wagtail.create",
                    source="admin",
                    uuid=uuid.uuid5(NAMESPACE, f"create-{content_type_id}-{object_id}"),
                )
            )
    return events


def _diff(rng, object_type, action, title):
    if action == "wagtail_tracking.permissions_change":
        return {
            "permissions": {
                "added": [rng.choice(["wagtailimages.add_image", "wagtaildocs.change_document"])]
            }
        }
    if action != "wagtail.edit" or object_type not in EDITED_FIELDS:
        return None
    fields = rng.sample(EDITED_FIELDS[object_type], k=rng.randint(1, 2))
    changed = {}
    for name in fields:
        if name == "title":
            changed[name] = [title, f"{title} (updated)"[:80]]
        elif name == "is_active":
            changed[name] = [True, False]
        elif object_type == "user":
            changed[name] = [MASK, MASK]  # personal data: recorded as changed, no values
        elif name == "collection":
            changed[name] = [1, 2]
        else:
            changed[name] = ["…", "…"]
    return {"changed": changed}
