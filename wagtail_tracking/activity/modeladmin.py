"""The optional wagtail-modeladmin integration (``pip install wagtail-tracking[modeladmin]``).

Imported only when ``wagtail_modeladmin`` is in ``INSTALLED_APPS`` (by ``wagtail_hooks.py`` and
``signal_handlers``), so a site without it imports nothing of this. What it adds:

- each model a ``ModelAdmin`` manages is an object type of its own (its verbose name), so the
  dashboard counts its actions apart instead of under "Other";
- its inspect view records a ``wagtail_tracking.inspect`` event, since wagtail-modeladmin writes
  no log entry for it. Its create, edit and delete views write Wagtail log entries, which the
  activity log already captures (once each, like every logged action).

A model is recognised by the admin URL finder wagtail-modeladmin registers for it (Wagtail's
``register_admin_url_finder``): the same finder gives the activity log its edit links.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.http import HttpResponse
from django.utils.text import capfirst
from wagtail.admin.admin_url_finder import finder_classes
from wagtail_modeladmin.helpers import ModelAdminURLFinder
from wagtail_modeladmin.views import InspectView

from .actions import INSPECT
from .context import admin_scope, capture_enabled
from .object_types import ObjectType
from .unlogged_changes import event_for_instance
from .writes import save_event


logger = logging.getLogger("wagtail_tracking.activity")
# The longest object type slug the events' column holds.
SLUG_LENGTH = 32


def managed_models() -> list[type[Model]]:
    """The models a ``ModelAdmin`` manages (page models keep Wagtail's own page editor)."""
    return [model for model in apps.get_models() if _managed(model)]


def _managed(model: type[Model]) -> bool:
    finder = finder_classes.get_by_type(model)
    return isinstance(finder, type) and issubclass(finder, ModelAdminURLFinder)


def object_types() -> list[ObjectType]:
    """One object type per managed model, registered with ``register_wagtail_tracking_object_types``."""
    return [
        ObjectType(
            model._meta.label_lower[:SLUG_LENGTH], capfirst(model._meta.verbose_name), [model]
        )
        for model in managed_models()
    ]


def record_inspected(instance: Model) -> None:
    """One event for an inspection in the admin; a failure is logged, never raised."""
    if not capture_enabled():
        return
    try:
        scope = admin_scope()
        if scope is not None:
            save_event(event_for_instance(instance, INSPECT, scope), scope)
    except Exception:
        logger.exception("wagtail_tracking: could not record the inspection of %r.", instance)


def capture_inspections() -> None:
    """Wrap ``InspectView.get`` (once): a successful inspection records an event."""
    original: Callable[..., HttpResponse] = InspectView.get
    if getattr(original, "wagtail_tracking_wrapped", False):
        return

    @functools.wraps(original)
    def get(view: InspectView, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response = original(view, request, *args, **kwargs)
        if response.status_code == 200:
            record_inspected(view.instance)
        return response

    get.wagtail_tracking_wrapped = True  # type: ignore[attr-defined]
    InspectView.get = get
