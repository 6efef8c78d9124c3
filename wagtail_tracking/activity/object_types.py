"""Which bucket (page, snippet, image…) an object falls in, extensible by a hook.

Projects add or override buckets with the ``register_tracking_object_types`` hook, which returns
``ObjectType`` instances; they are tried before the built-in ones::

    from wagtail import hooks
    from wagtail_tracking.activity.object_types import ObjectType


    @hooks.register("register_tracking_object_types")
    def event_types():
        return [ObjectType("event", _("Event"), models=[Event, EventSeries])]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


OTHER = "other"


@dataclass(frozen=True)
class ObjectType:
    """A bucket of models. ``models`` match subclasses too; ``test`` decides for anything else."""

    slug: str
    label: str | Promise
    models: Iterable[type[models.Model]] = field(default=())
    test: Callable[[type[models.Model]], bool] | None = None

    def matches(self, model: type[models.Model]) -> bool:
        if any(issubclass(model, candidate) for candidate in self.models):
            return True
        return bool(self.test and self.test(model))


def _is_snippet(model):
    from wagtail.snippets.models import get_snippet_models

    return model in get_snippet_models()


def _builtin_object_types() -> list[ObjectType]:
    from wagtail.models import AbstractPage, Collection, Site, Task, Workflow

    def optional(app_label, model_name):
        try:
            return [apps.get_model(app_label, model_name)]
        except LookupError:
            return []

    images, documents = [], []
    if apps.is_installed("wagtail.images"):
        from wagtail.images.models import AbstractImage

        images = [AbstractImage]
    if apps.is_installed("wagtail.documents"):
        from wagtail.documents.models import AbstractDocument

        documents = [AbstractDocument]
    settings_models = []
    if apps.is_installed("wagtail.contrib.settings"):
        from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

        settings_models = [BaseSiteSetting, BaseGenericSetting]

    return [
        ObjectType("page", _("Page"), [AbstractPage]),
        ObjectType("image", _("Image"), images),
        ObjectType("document", _("Document"), documents),
        ObjectType("user", _("User"), [get_user_model()]),
        ObjectType("group", _("Group"), [Group]),
        ObjectType("collection", _("Collection"), [Collection]),
        ObjectType("site", _("Site"), [Site]),
        ObjectType("setting", _("Setting"), settings_models),
        ObjectType("workflow", _("Workflow"), [Workflow, Task]),
        ObjectType("redirect", _("Redirect"), optional("wagtailredirects", "Redirect")),
        ObjectType("snippet", _("Snippet"), test=_is_snippet),
    ]


@cache
def get_object_types() -> tuple[ObjectType, ...]:
    registered = [
        object_type
        for fn in hooks.get_hooks("register_tracking_object_types")
        for object_type in fn()
    ]
    return (*registered, *_builtin_object_types(), ObjectType(OTHER, _("Other")))


def get_object_type_choices() -> list[tuple[str, str]]:
    """(slug, label) pairs for filters, without duplicates, in the order they are tried."""
    seen = {}
    for object_type in get_object_types():
        seen.setdefault(object_type.slug, object_type.label)
    return list(seen.items())


@cache
def object_type_for_model(model: type[models.Model] | None) -> str:
    if model is None:
        return OTHER
    for object_type in get_object_types():
        if object_type.matches(model):
            return object_type.slug
    return OTHER


def clear_cache() -> None:
    get_object_types.cache_clear()
    object_type_for_model.cache_clear()
