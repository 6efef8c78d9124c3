"""Stored diffs as people read them: field labels, choice labels, Yes/No, names, "changed".

The log stores raw field names and values (the exports keep them: they are the dataset); the
admin shows each change with the model field's translated label, a choice's label, Yes or No,
the name of a related object or permission, and for rich text, StreamField and masked values
only that they changed (with the StreamField blocks affected). A ``DiffReader`` reads a page of
events at once: one query per related model, not one per value.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.template.defaultfilters import yesno
from django.utils.text import capfirst
from django.utils.translation import pgettext
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, Page

from wagtail_tracking.activity.diff import MASK
from wagtail_tracking.activity.models import ActivityEvent


ARROW = " → "
# The longest value shown in a line; longer ones read "changed".
LONG_TEXT = 60


def set_labels() -> dict[str, str]:
    return {
        "groups": pgettext("activity change", "Groups"),
        "permissions": pgettext("activity change", "Permissions"),
        "page_permissions": pgettext("activity change", "Page permissions"),
        "collection_permissions": pgettext("activity change", "Collection permissions"),
        "tags": pgettext("activity change", "Tags"),
        "bulk_action": pgettext("activity change", "Bulk action"),
    }


def event_model(event: ActivityEvent) -> type[models.Model] | None:
    if not event.content_type_id:
        return None
    try:
        return ContentType.objects.get_for_id(event.content_type_id).model_class()
    except ContentType.DoesNotExist:
        return None


def model_field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def line(label: str, change: str) -> str:
    """``Title: Old → New`` (French puts a non-breaking space before the colon)."""
    return pgettext("activity change", "%(field)s: %(change)s") % {"field": label, "change": change}


class DiffReader:
    """Readable lines for the diffs of ``events``, names looked up once for all of them."""

    def __init__(self, events: Iterable[ActivityEvent]) -> None:
        self.events = list(events)
        self.names: dict[tuple[type[models.Model], str], str] = {}
        self.permissions: dict[str, str] = {}
        self._resolve()

    # --- batched look-ups -------------------------------------------------------------------

    def _resolve(self) -> None:
        wanted: dict[type[models.Model], set[str]] = defaultdict(set)
        codes: set[str] = set()
        for event in self.events:
            diff = event.diff if isinstance(event.diff, dict) else {}
            model = event_model(event)
            for name, values in (diff.get("changed") or {}).items():
                field = model_field(model, name)
                if field is not None and field.many_to_one and isinstance(values, list):
                    wanted[field.related_model].update(
                        str(v) for v in values if v not in (None, MASK)
                    )
            for key, related in (
                ("page_permissions", Page),
                ("collection_permissions", Collection),
            ):
                for item in self._items(diff.get(key)):
                    if isinstance(item, dict):
                        object_id = item.get("page", item.get("collection"))
                        wanted[related].add(str(object_id))
                        codes.add(str(item.get("permission")))
            codes.update(
                str(code).rpartition(".")[2] for code in self._items(diff.get("permissions"))
            )
        for model, ids in wanted.items():
            self._names_of(model, ids)
        rows = Permission.objects.filter(codename__in=codes).values_list("codename", "name")
        self.permissions = {codename: str(name) for codename, name in rows}

    def _names_of(self, model: type[models.Model], ids: set[str]) -> None:
        valid = []
        for value in ids:
            with contextlib.suppress(ValidationError):  # another type: shown as stored
                valid.append(model._meta.pk.to_python(value))
        for obj in model._default_manager.filter(pk__in=valid):
            self.names[(model, str(obj.pk))] = str(obj)

    @staticmethod
    def _items(part: object) -> list[Any]:
        if not isinstance(part, dict):
            return []
        return [*(part.get("added") or ()), *(part.get("removed") or ())]

    # --- lines --------------------------------------------------------------------------------

    def lines(self, event: ActivityEvent) -> list[str]:
        diff = event.diff
        if not isinstance(diff, dict):
            return []
        model = event_model(event)
        blocks = diff.get("blocks") or {}
        result = [
            self.field_line(model, name, values, blocks.get(name))
            for name, values in (diff.get("changed") or {}).items()
        ]
        labels = set_labels()
        for key, value in diff.items():
            if key in ("changed", "blocks"):
                continue
            result.append(line(labels.get(key) or key, self.set_change(key, value)))
        return result

    def field_line(
        self, model: type[models.Model] | None, name: str, values: object, blocks: list[str] | None
    ) -> str:
        field = model_field(model, name)
        label = capfirst(str(getattr(field, "verbose_name", None) or name.replace("_", " ")))
        if not isinstance(values, list | tuple) or len(values) != 2:
            return line(label, self.value(field, values))
        if MASK in values:
            return line(label, pgettext("activity change", "changed (value not recorded)"))
        if blocks:
            names = ", ".join(self.block_label(field, block) for block in blocks)
            return line(
                label, pgettext("activity change", "changed (%(blocks)s)") % {"blocks": names}
            )
        if isinstance(field, RichTextField | StreamField) or any(
            isinstance(v, str) and len(v) > LONG_TEXT for v in values
        ):
            return line(label, pgettext("activity change", "changed"))
        before, after = (self.value(field, value) for value in values)
        return line(label, f"{before}{ARROW}{after}")

    @staticmethod
    def block_label(field: Any, block_type: str) -> str:
        child_blocks = getattr(getattr(field, "stream_block", None), "child_blocks", {})
        block = child_blocks.get(block_type)
        return str(block.label) if block is not None and block.label else block_type

    def value(self, field: Any, value: object) -> str:
        if value in (None, ""):
            return pgettext("activity change", "(empty)")
        if isinstance(value, bool):
            return str(capfirst(str(yesno(value))))  # Django's "yes"/"no", as Django translates it
        if field is not None and getattr(field, "flatchoices", None):
            return str(dict(field.flatchoices).get(value, value))
        if field is not None and field.many_to_one:
            name = self.names.get((field.related_model, str(value)))
            return name or pgettext("activity change", "#%(id)s (deleted)") % {"id": value}
        return str(value)

    def set_change(self, key: str, value: object) -> str:
        if not isinstance(value, dict):
            return str(value)
        added = ", ".join(self.item(key, item) for item in value.get("added") or ())
        removed = ", ".join(self.item(key, item) for item in value.get("removed") or ())
        return " ".join(
            part for part in (added and f"+ {added}", removed and f"− {removed}") if part
        )

    def item(self, key: str, item: object) -> str:
        if key == "permissions":
            code = str(item)
            return self.permissions.get(code.rpartition(".")[2], code)
        if isinstance(item, dict) and "permission" in item:
            related = Page if "page" in item else Collection
            object_id = str(item.get("page", item.get("collection")))
            name = self.names.get((related, object_id), f"#{object_id}")
            permission = self.permissions.get(str(item["permission"]), str(item["permission"]))
            return pgettext("activity change", "%(permission)s on %(object)s") % {
                "permission": permission,
                "object": name,
            }
        return str(item)


def readable_lines(event: ActivityEvent) -> list[str]:
    """One event's changes, for the inspect view."""
    return DiffReader([event]).lines(event)
