"""Which bucket (page, snippet, image…) an object falls in, extensible by a hook.

Projects add or override buckets with the ``register_wagtail_tracking_object_types`` hook, which
returns ``ObjectType`` instances; they are tried before the built-in ones::

    from wagtail import hooks
    from wagtail_tracking.activity.object_types import ObjectType


    @hooks.register("register_wagtail_tracking_object_types")
    def event_types():
        return [ObjectType("event", _("Event"), models=[Event, EventSeries])]

The hook's former name, ``register_tracking_object_types``, is still read, with a
``DeprecationWarning``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_tracking.compat import get_renamed_hooks


OTHER = "other"
HOOK_NAME = "register_wagtail_tracking_object_types"
# The name the README showed before the hooks shared one prefix.
DEPRECATED_HOOK_NAME = "register_tracking_object_types"


@dataclass(frozen=True)
class ObjectType:
    """A bucket of models. ``models`` match subclasses too; ``test`` decides for anything else."""

    slug: str
    label: str | Promise
    models: Iterable[type[Model]] = field(default=())
    test: Callable[[type[Model]], bool] | None = None

    def matches(self, model: type[Model]) -> bool:
        if any(issubclass(model, candidate) for candidate in self.models):
            return True
        return bool(self.test and self.test(model))


def _is_snippet(model: type[Model]) -> bool:
    from wagtail.snippets.models import get_snippet_models

    return model in get_snippet_models()


def _optional(app_label: str, model_name: str) -> list[type[Model]]:
    try:
        return [apps.get_model(app_label, model_name)]
    except LookupError:
        return []


def _builtin_object_types() -> list[ObjectType]:
    from wagtail.models import AbstractPage, Collection, Site, Task, Workflow

    images: list[type[Model]] = []
    documents: list[type[Model]] = []
    if apps.is_installed("wagtail.images"):
        from wagtail.images.models import AbstractImage

        images = [AbstractImage]
    if apps.is_installed("wagtail.documents"):
        from wagtail.documents.models import AbstractDocument

        documents = [AbstractDocument]
    settings_models: list[type[Model]] = []
    if apps.is_installed("wagtail.contrib.settings"):
        from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

        settings_models = [BaseSiteSetting, BaseGenericSetting]

    return [
        ObjectType("page", pgettext_lazy("object type", "Page"), [AbstractPage]),
        ObjectType("image", pgettext_lazy("object type", "Image"), images),
        ObjectType("document", pgettext_lazy("object type", "Document"), documents),
        ObjectType("user", pgettext_lazy("object type", "User"), [get_user_model()]),
        ObjectType("group", pgettext_lazy("object type", "Group"), [Group]),
        ObjectType("collection", pgettext_lazy("object type", "Collection"), [Collection]),
        ObjectType("site", pgettext_lazy("object type", "Site"), [Site]),
        ObjectType("setting", _("Setting"), settings_models),
        ObjectType("workflow", pgettext_lazy("object type", "Workflow"), [Workflow, Task]),
        ObjectType("redirect", _("Redirect"), _optional("wagtailredirects", "Redirect")),
        ObjectType("snippet", _("Snippet"), test=_is_snippet),
    ]


@cache
def get_object_types() -> tuple[ObjectType, ...]:
    """Every bucket in the order they are tried: the projects', the built-in ones, "other"."""
    registered = [object_type for fn in _hook_functions() for object_type in fn()]
    return (*registered, *_builtin_object_types(), ObjectType(OTHER, _("Other")))


def _hook_functions() -> list[Callable[[], Iterable[ObjectType]]]:
    return [fn for _name, fn in get_renamed_hooks(HOOK_NAME, DEPRECATED_HOOK_NAME)]


def get_object_type_choices() -> list[tuple[str, str | Promise]]:
    """(slug, label) pairs for filters, without duplicates, in the order they are tried."""
    seen: dict[str, str | Promise] = {}
    for object_type in get_object_types():
        seen.setdefault(object_type.slug, object_type.label)
    return list(seen.items())


@cache
def object_type_for_model(model: type[Model] | None) -> str:
    """The slug of the first bucket ``model`` falls in (``"other"`` when none)."""
    if model is None:
        return OTHER
    for object_type in get_object_types():
        if object_type.matches(model):
            return object_type.slug
    return OTHER


def clear_cache() -> None:
    get_object_types.cache_clear()
    object_type_for_model.cache_clear()
