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
        "blocks": {"body": ["paragraph", "image"]},
    }

``blocks`` names, for a StreamField that changed, the types of the blocks added, removed or
edited, so that the change reads as "Body: changed (Paragraph, Image)" without the values.

Values of passwords, tokens, secrets, keys and URLs carrying credentials are never stored: the
field name is kept, the values become ``"***"``. So are the values of user accounts' personal
fields (e-mail, names, phone…) unless ``ACTIVITY_DIFF_PERSONAL_VALUES`` is True: the diff says
they changed, not what they were.

Keys are the model's field names (``collection`` for the foreign key ``collection_id``, but
``ga4_measurement_id`` for a text field of that name). Values are compared the way they are
stored, so a re-serialisation (``09:00`` and ``09:00:00``, the same tags in another order) is
no change.
"""

from __future__ import annotations

import datetime
import decimal
import json
import re
import uuid
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import dateparse

from wagtail_tracking.conf import tracking_settings


MASK = "***"
ALWAYS_MASKED = (
    r"passw|passphrase|pwd|(^|_)pass($|_)|secret|token|credential|signature|webhook"
    r"|(^|_)(authorization|bearer|salt|otp|pin|hash|dsn)($|_)"
    r"|(^|_)(api|access|private|license|licence|ssh|gpg|pgp|signing|encryption|master|client"
    r"|app|account|consumer|service|subscription|stripe|recaptcha)_?keys?($|_)|apikey"
    r"|(^|_)keys?($|file|pair)"
)
# Values that carry a credential whatever the field is called: URLs with a user:password part.
CREDENTIAL_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^/@\s:]*:[^/@\s]*@", re.IGNORECASE)
# Fields of user accounts that are not personal data: their values stay in the diff.
USER_ACCOUNT_PUBLIC_FIELDS = frozenset({"is_active", "is_staff", "is_superuser"})
ELLIPSIS = "…"
TIME_TEXT = re.compile(r"^\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?$")
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


def carries_credentials(value: Any) -> bool:
    """A URL with a user:password part (``postgres://u:p@host/db``), anywhere in a field."""
    return isinstance(value, str) and bool(CREDENTIAL_URL.search(value))


def is_personal(model: type[models.Model] | None, field_name: str) -> bool:
    """A field of a user account whose values are personal data (kept only when configured)."""
    if model is None or tracking_settings.ACTIVITY_DIFF_PERSONAL_VALUES:
        return False
    return issubclass(model, get_user_model()) and field_name not in USER_ACCOUNT_PUBLIC_FIELDS


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


def changes(
    old: dict[str, Any], new: dict[str, Any], model: type[models.Model] | None = None
) -> dict[str, Any] | None:
    """The ``changed`` part of a diff between two {field: value} mappings, or None.

    With the ``model``, keys given as attribute names (``collection_id``) become field names.
    """
    names = _field_names(model) if model is not None else {}
    changed: dict[str, list[Any]] = {}
    blocks: dict[str, list[str]] = {}
    for name in sorted(set(old) | set(new)):
        if name in IGNORED_FIELDS:
            continue
        before, after = old.get(name), new.get(name)
        if normalise(before) == normalise(after):
            continue
        key = names.get(name, name)
        hidden = is_masked(key) or carries_credentials(before) or carries_credentials(after)
        if hidden or is_personal(model, key):
            changed[key] = [MASK, MASK]
        else:
            changed[key] = [short(before), short(after)]
            if types := changed_block_types(before, after):
                blocks[key] = types
    if not changed:
        return None
    return {"changed": changed, "blocks": blocks} if blocks else {"changed": changed}


def changed_block_types(before: Any, after: Any) -> list[str]:
    """The types of the StreamField blocks added, removed or edited, or [] if not a stream."""
    old, new = _blocks(before), _blocks(after)
    if old is None or new is None:
        return []
    old_by_id = {block.get("id") or index: block for index, block in enumerate(old)}
    new_by_id = {block.get("id") or index: block for index, block in enumerate(new)}
    types = set()
    for block_id in set(old_by_id) | set(new_by_id):
        first, second = old_by_id.get(block_id), new_by_id.get(block_id)
        if first is None or second is None or normalise(first) != normalise(second):
            types.add(str((first or second).get("type")))
    if not types and [b.get("id") for b in old] != [b.get("id") for b in new]:
        types = {str(block.get("type")) for block in new}  # only reordered
    return sorted(types)


def _blocks(value: Any) -> list[dict] | None:
    if isinstance(value, str) and value.strip()[:1] == "[":
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, list) and all(isinstance(b, dict) and "type" in b for b in value):
        return value
    return None


@cache
def _field_names(model: type[models.Model]) -> dict[str, str]:
    return {f.attname: f.name for f in model._meta.concrete_fields}


def normalise(value: Any) -> Any:
    """A value as stored, so that two serialisations of the same thing compare equal.

    Revision content holds serialised values (``"09:00:00"``; StreamField and child relations
    as JSON or lists of dicts); a form may give ``time(9, 0)`` or ``"09:00"``. Items of a child
    relation without an order (tags) compare as a set, without their primary keys.
    """
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, datetime.date | decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, str):
        return _normalise_text(value)
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items() if k not in ("pk", "id")}
    if isinstance(value, list | tuple):
        items = [normalise(item) for item in value]
        # Rows of a child relation without an order (tags); StreamField blocks keep theirs.
        if items and all(
            isinstance(i, dict) and "sort_order" not in i and "type" not in i for i in value
        ):
            return sorted(items, key=_sort_key)
        return items
    return value


def _sort_key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, default=str)


def _normalise_text(text: str) -> Any:
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):  # StreamField and JSON fields in revision content
        try:
            return normalise(json.loads(stripped))
        except ValueError:
            return text
    if TIME_TEXT.match(stripped):
        parsed_time = dateparse.parse_time(stripped)
        if parsed_time is not None:
            return parsed_time.isoformat(timespec="microseconds")
    return text


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
        elif key == "blocks":
            blocks = {**first.get("blocks", {})}
            for name, types in value.items():
                blocks[name] = sorted(set(blocks.get(name, [])) | set(types))
            merged["blocks"] = blocks
        elif key in SET_KEYS:
            merged[key] = _merge_sets(first.get(key, {}), value)
            if not merged[key]:
                del merged[key]
        else:
            merged[key] = value
    if "blocks" in merged:
        still_changed = merged.get("changed", {})
        merged["blocks"] = {k: v for k, v in merged["blocks"].items() if k in still_changed}
        if not merged["blocks"]:
            del merged["blocks"]
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
