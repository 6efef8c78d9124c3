"""Import Wagtail's existing log entries into the activity log, once.

Idempotent: an entry already mirrored (linked by ``log_entry_model``/``log_entry_id``, or
counted as a repeat of a coalesced autosave burst, or folded into a copy) is skipped, so the
command can be run again, or after capture was switched off for a while. Backfilled events
have no diff: the old state is gone.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail_tracking.compat import get_page_model
from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.periods import site_time_zone

from .actions import CREATE
from .log_entries import SUBSUMED_CREATE, entry_object, event_from_log_entry, log_entry_models
from .lookups import site_id_for_url_path
from .models import ActivityEvent
from .rollups import forget_rollups


Source = ActivityEvent.Source


def backfill(*, since=None, batch_size: int = 2000) -> int:
    """Mirror every log entry not yet in the activity log; returns the number of new events."""
    created = 0
    for model in log_entry_models():
        queryset = model.objects.order_by("pk")
        if since is not None:
            queryset = queryset.filter(timestamp__gte=since)
        importer = _Importer(model._meta.label_lower)
        last_pk = None
        while True:
            batch = queryset.filter(pk__gt=last_pk) if last_pk is not None else queryset
            batch = list(batch.select_related(None)[:batch_size])
            if not batch:
                break
            last_pk = batch[-1].pk
            with transaction.atomic():
                created += importer.import_batch(batch)
    if created:
        # Events now exist in days that may already be summarised.
        forget_rollups(first=since.astimezone(site_time_zone()).date() if since else None)
    return created


class _Importer:
    def __init__(self, log_model_label: str):
        self.label = log_model_label
        self.window = timedelta(seconds=tracking_settings.ACTIVITY_COALESCE_WINDOW)
        self.coalesce_actions = set(tracking_settings.ACTIVITY_COALESCE_ACTIONS)
        self.excluded = set(tracking_settings.ACTIVITY_EXCLUDED_ACTIONS)
        # Burst key -> the event autosaves of that burst are counted on.
        self.bursts: dict[tuple, ActivityEvent] = {}

    def import_batch(self, entries) -> int:
        linked = set(
            ActivityEvent.objects.filter(
                log_entry_model=self.label, log_entry_id__in=[e.pk for e in entries]
            ).values_list("log_entry_id", flat=True)
        )
        entries = [e for e in entries if e.pk not in linked and e.action not in self.excluded]
        if not entries:
            return 0
        covered = self._covered_by_existing_bursts(entries)
        copies = self._copies(entries)
        url_paths = self._page_url_paths(entries)
        usernames = self._usernames(entries)

        new_events, repeated = [], {}
        for entry in entries:
            model, object_id = entry_object(entry)
            if entry.action == CREATE and (entry.uuid, object_id) in copies:
                continue  # the copy's own event stands for it
            key = (entry.user_id, entry.content_type_id, object_id, entry.action, entry.revision_id)
            if self._in_burst(entry, key, covered):
                burst = self.bursts.get(key)
                if burst is not None and entry.timestamp - burst.last_timestamp <= self.window:
                    burst.repeat_count += 1
                    burst.last_timestamp = entry.timestamp
                    if burst.pk is not None:
                        repeated[burst.pk] = burst
                continue
            event = event_from_log_entry(
                entry,
                model=model,
                object_id=object_id,
                user_name=usernames.get(entry.user_id, ""),
                source=Source.ADMIN if entry.uuid else Source.SYSTEM,
            )
            if event.page_id is not None:
                event.site_id = site_id_for_url_path(url_paths.get(event.page_id))
            elif event.object_type == "site":
                event.site_id = int(object_id) if object_id.isdigit() else None
            if entry.action in self.coalesce_actions and entry.revision_id:
                self.bursts[key] = event
            new_events.append(event)
        ActivityEvent.objects.bulk_create(new_events)
        for event in repeated.values():
            ActivityEvent.objects.filter(pk=event.pk).update(
                repeat_count=event.repeat_count, last_timestamp=event.last_timestamp
            )
        return len(new_events)

    def _in_burst(self, entry, key, covered) -> bool:
        if entry.action not in self.coalesce_actions or not entry.revision_id:
            return False
        for first, last in covered.get(key, ()):
            if first <= entry.timestamp <= last:
                return True
        burst = self.bursts.get(key)
        return burst is not None and entry.timestamp - burst.last_timestamp <= self.window

    def _covered_by_existing_bursts(self, entries) -> dict[tuple, list]:
        """Autosave repeats already counted on an event (live capture or an earlier run)."""
        revisions = {
            e.revision_id for e in entries if e.revision_id and e.action in self.coalesce_actions
        }
        covered: dict[tuple, list] = {}
        rows = ActivityEvent.objects.filter(
            revision_id__in=revisions, repeat_count__gt=1
        ).values_list(
            "user_id",
            "content_type_id",
            "object_id",
            "action",
            "revision_id",
            "timestamp",
            "last_timestamp",
        )
        for *key, first, last in rows:
            covered.setdefault(tuple(key), []).append((first, last))
        return covered

    def _copies(self, entries) -> set[tuple]:
        in_batch = {(e.uuid, entry_object(e)[1]) for e in entries if e.action in SUBSUMED_CREATE}
        uuids = {e.uuid for e in entries if e.action == CREATE and e.uuid}
        recorded = ActivityEvent.objects.filter(uuid__in=uuids, action__in=SUBSUMED_CREATE)
        return in_batch | set(recorded.values_list("uuid", "object_id"))

    def _page_url_paths(self, entries) -> dict[int, str]:
        page_ids = {e.__dict__.get("page_id") for e in entries} - {None}
        if not page_ids:
            return {}
        Page = get_page_model()
        return dict(Page._base_manager.filter(pk__in=page_ids).values_list("pk", "url_path"))

    def _usernames(self, entries) -> dict[int, str]:
        User = get_user_model()
        user_ids = {e.user_id for e in entries} - {None}
        rows = User._base_manager.filter(pk__in=user_ids).values_list("pk", User.USERNAME_FIELD)
        return {pk: name[:255] for pk, name in rows}
