"""What an event says about its object, actor, source and site, looked up without growing with
the site: content types and sites come from Django's and Wagtail's caches, users and related
objects from what is already in memory."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from wagtail.log_actions import get_active_log_context
from wagtail.models import AbstractPage, Site

from .context import in_request
from .models import ActivityEvent


Source = ActivityEvent.Source


def object_key(model, object_id) -> tuple:
    """Identifies one object across page types and proxies, within one operation."""
    if model is None:
        return (None, str(object_id))
    if issubclass(model, AbstractPage):
        return ("page", str(object_id))
    return (model._meta.concrete_model._meta.label_lower, str(object_id))


def model_for_content_type(content_type_id: int | None) -> type[Model] | None:
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
    """The id and name an event stores for a user (none for anonymous visitors)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user.pk, user.get_username()[:255]


def as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def cached_relation(instance, name: str):
    """A related object already loaded on ``instance``, or None: never a query."""
    descriptor = getattr(type(instance), name, None)
    if descriptor is not None and descriptor.is_cached(instance):
        return getattr(instance, name)
    return None


def attach_identity(event: ActivityEvent, object_type: str, object_id: str, title: str) -> None:
    """Fill the affected user or group from the object the event is about."""
    if object_type == "user":
        event.affected_user_id = as_int(object_id)
        event.affected_username = title[:255]
    elif object_type == "group":
        event.group_id = as_int(object_id)
