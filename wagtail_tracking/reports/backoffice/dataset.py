"""The activity log as a dataset: its fields, in the README's order, and its exported rows.

The exports use these field names as headings and the inspect view lists the same fields, so
what an analyst reads on screen is what they download.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Field, QuerySet
from django.utils.functional import Promise

from wagtail_tracking.activity.models import ActivityEvent


DATASET_FIELDS = [
    "id",
    "timestamp",
    "last_timestamp",
    "site_id",
    "user_id",
    "user_name",
    "object_type",
    "content_type",
    "object_id",
    "object_title",
    "page_id",
    "action",
    "affected_user_id",
    "affected_username",
    "group_id",
    "diff",
    "revision_id",
    "source",
    "log_entry_model",
    "log_entry_id",
    "uuid",
    "repeat_count",
]
EXPORT_CHUNK_SIZE = 2000


def dataset_rows(events: QuerySet[ActivityEvent]) -> Iterator[dict[str, Any]]:
    """Every event as a row, newest first, read in chunks; ``content_type`` as ``app.model``."""
    content_types: dict[int | None, str] = {}
    rows = events.order_by("-timestamp", "-pk").values(
        *(("content_type_id" if field == "content_type" else field) for field in DATASET_FIELDS)
    )
    for row in rows.iterator(chunk_size=EXPORT_CHUNK_SIZE):
        type_id = row.pop("content_type_id")
        if type_id not in content_types:
            content_types[type_id] = content_type_name(type_id)
        row["content_type"] = content_types[type_id]
        yield {field: row[field] for field in DATASET_FIELDS}


def content_type_name(type_id: int | None) -> str:
    """``app_label.model``, or "" when the event has no content type (or it was removed)."""
    content_type = ContentType.objects.filter(pk=type_id).first() if type_id else None
    return f"{content_type.app_label}.{content_type.model}" if content_type else ""


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row for a spreadsheet: the diff as JSON text in its cell."""
    if isinstance(row.get("diff"), dict | list):
        return {**row, "diff": json.dumps(row["diff"], cls=DjangoJSONEncoder)}
    return row


def event_fields(event: ActivityEvent) -> list[tuple[str, str | Promise, Any]]:
    """Each dataset field of one event: its name, its description and its stored value."""
    fields = []
    for field in DATASET_FIELDS:
        if field == "content_type":
            value: Any = event.content_type_id and ContentType.objects.get_for_id(
                event.content_type_id
            )
        elif field == "diff":
            value = json.dumps(event.diff, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        else:
            value = utc_iso(getattr(event, field))
        fields.append((field, verbose_name(field), value))
    return fields


def utc_iso(value: Any) -> Any:
    """A moment as the dataset states it: UTC, ISO 8601 with its offset (its heading says UTC)."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.UTC).isoformat()
    return value


def verbose_name(field: str) -> str | Promise:
    """The model field's description ("object title"), as the README's dataset table has it."""
    model_field = ActivityEvent._meta.get_field(field)
    return model_field.verbose_name if isinstance(model_field, Field) else field
