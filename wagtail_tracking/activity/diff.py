"""What changed, as small JSON: field names with short old/new values, and added/removed sets.

Shape of a diff (every key optional)::

    {
        "changed": {"title": ["Old title", "New title"], "password": ["***", "***"]},
        "groups": {"added": ["Editors"], "removed": []},
        "permissions": {"added": ["wagtailimages.add_image"], "removed": []},
        "page_permissions": {"added": [{"page": 3, "permission": "publish_page"}]},
        "collection_permissions": {"removed": [{"collection": 1, "permission": "add_image"}]},
        "tags": {"added": ["news"]},
        "bulk_action": "delete",
    }

Values of passwords, tokens, secrets and keys are never stored: the field name is kept, the
values become ``"***"``.
"""

from __future__ import annotations

import datetime
import decimal
import json
import re
import uuid
from functools import cache
from typing import Any

from django.db import models

from wagtail_tracking.conf import tracking_settings


MASK = "***"
ALWAYS_MASKED = (
    r"passw|passphrase|pwd|(^|_)pass($|_)|secret|token|api_?key|private_?key|credential"
    r"|signature|(^|_)(salt|otp|pin|hash)($|_)"
)
ELLIPSIS = "…"
SET_KEYS = (
    "groups",
    "permissions",
    "page_permissions",
    "collection_permissions",
    "tags",
)
# Bookkeeping that changes on every save of a page or revision and says nothing about the edit.
IGNORED_FIELDS = frozenset(
    {
        "id",
        "pk",
        "path",
        "depth",
        "numchild",
        "url_path",
        "content_type",
        "draft_title",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "translation_key",
        "locale",
        "alias_of",
        "page_ptr",
        "comments",
        "wagtail_admin_comments",
        "last_login",
        "file_hash",
        "file_size",
    }
)


@cache
def _masked_pattern(extra: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join([ALWAYS_MASKED, *extra]), re.IGNORECASE)


def is_masked(field_name: str) -> bool:
    return bool(_masked_pattern(tuple(tracking_settings.ACTIVITY_MASKED_FIELDS)).search(field_name))


def short(value: Any) -> Any:
    """A JSON-safe, length-capped copy of a field value."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.date | datetime.time):
        text = value.isoformat()
    elif isinstance(value, decimal.Decimal | uuid.UUID):
        text = str(value)
    elif isinstance(value, str):
        text = value
    elif isinstance(value, list | dict | tuple):
        text = json.dumps(value, default=str, ensure_ascii=False)
    else:
        text = str(getattr(value, "name", value))  # files store their name
    limit = tracking_settings.ACTIVITY_DIFF_MAX_LENGTH
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def snapshot_fields(model: type[models.Model]) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in IGNORED_FIELDS and f.attname not in IGNORED_FIELDS
    ]


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name, None) for name in fields}


def changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any] | None:
    """The ``changed`` part of a diff between two {field: value} mappings, or None."""
    changed = {}
    for name in sorted(set(old) | set(new)):
        if name in IGNORED_FIELDS:
            continue
        before, after = old.get(name), new.get(name)
        if _normalise(before) == _normalise(after):
            continue
        key = name[:-3] if name.endswith("_id") else name
        changed[key] = [MASK, MASK] if is_masked(name) else [short(before), short(after)]
    return {"changed": changed} if changed else None


def _normalise(value):
    # Revision content holds serialised values; compare them as strings when the types differ.
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def set_change(key: str, added=(), removed=()) -> dict[str, Any]:
    part = {}
    if added:
        part["added"] = list(added)
    if removed:
        part["removed"] = list(removed)
    return {key: part} if part else {}


def merge(first: dict | None, second: dict | None) -> dict | None:
    """Combine two diffs of the same object: first old value, last new value; sets add up."""
    if not first:
        return second or None
    if not second:
        return first
    merged = {**first}
    for key, value in second.items():
        if key == "changed":
            changed = {**first.get("changed", {})}
            for name, (before, after) in value.items():
                changed[name] = [changed[name][0] if name in changed else before, after]
            changed = {k: v for k, v in changed.items() if v[0] != v[1] or v[0] == MASK}
            if changed:
                merged["changed"] = changed
            else:
                merged.pop("changed", None)
        elif key in SET_KEYS:
            merged[key] = _merge_sets(first.get(key, {}), value)
            if not merged[key]:
                del merged[key]
        else:
            merged[key] = value
    return merged or None


def _merge_sets(first: dict, second: dict) -> dict:
    added = list(first.get("added", []))
    removed = list(first.get("removed", []))
    for item in second.get("added", []):
        if item in removed:
            removed.remove(item)
        elif item not in added:
            added.append(item)
    for item in second.get("removed", []):
        if item in added:
            added.remove(item)
        elif item not in removed:
            removed.append(item)
    return {k: v for k, v in (("added", added), ("removed", removed)) if v}
