"""An invisible panel of Wagtail's group editor that records page and collection permission changes.

The editor's own panels write these permissions with ``bulk_create``, which sends no signal.
This panel is registered last: it reads the group's permissions when the form is built and
again after the other panels have saved, and records the difference on the group's event.
"""

from __future__ import annotations

import logging

from django import forms
from django.db import models
from django.db.models import Value
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from .actions import PERMISSIONS_CHANGE
from .context import capture_enabled
from .diff import merge, set_change
from .unlogged_changes import record_change


logger = logging.getLogger("wagtail_tracking.activity")


def object_permissions(group) -> set[tuple[str, int, str]]:
    """The group's page and collection permissions, in one query."""
    if group is None or group.pk is None:
        return set()
    kind = models.CharField()
    pages = (
        GroupPagePermission.objects.filter(group=group)
        .annotate(kind=Value("page", output_field=kind))
        .values_list("kind", "page_id", "permission__codename")
    )
    collections = (
        GroupCollectionPermission.objects.filter(group=group)
        .annotate(kind=Value("collection", output_field=kind))
        .values_list("kind", "collection_id", "permission__codename")
    )
    return set(pages.union(collections, all=True))


def permissions_diff(before, after) -> dict | None:
    diff = None
    for kind in ("page", "collection"):

        def items(records, kind=kind):
            return sorted(
                (
                    {kind: target, "permission": codename}
                    for k, target, codename in records
                    if k == kind
                ),
                key=lambda item: (item[kind], item["permission"]),
            )

        diff = merge(
            diff,
            set_change(
                f"{kind}_permissions", added=items(after - before), removed=items(before - after)
            ),
        )
    return diff


class PermissionChangesPanel:
    media = forms.Media()

    def __init__(self, data=None, files=None, instance=None, **kwargs):
        self.instance = instance
        self.bound = data is not None
        self.before = object_permissions(instance) if self.bound and capture_enabled() else set()

    def is_valid(self) -> bool:
        return True

    def as_admin_panel(self) -> str:
        return ""

    def save(self) -> None:
        if not (self.bound and capture_enabled()):
            return
        try:
            diff = permissions_diff(self.before, object_permissions(self.instance))
            if diff:
                record_change(self.instance, diff, PERMISSIONS_CHANGE, group_id=self.instance.pk)
        except Exception:
            logger.exception("wagtail_tracking: could not record the group's permission changes.")
