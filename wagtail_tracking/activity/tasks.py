"""Background building of the activity rollups (django-tasks, a Wagtail dependency).

A report builds in its request only what fits ``rollup_blocks.REQUEST_BUDGET``; it enqueues
``build_activity_rollups_task`` for the rest, once per window while one is pending. With
Wagtail's default backend (``ImmediateBackend``) enqueueing would run the whole build inside the
request, so nothing is enqueued then: the next requests and the command
``wagtail_tracking_rollup_activity`` (run it from cron) finish the work.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence

from django.core.cache import cache
from django.db import transaction
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from .rollup_blocks import Window, prepare_rollups


logger = logging.getLogger(__name__)

# One task per set of windows at a time; enqueued again after this if it never ran.
PENDING_SECONDS = 10 * 60


@task()
def build_activity_rollups_task(windows: list[list[str]]) -> bool:
    """Build every rollup the windows (ISO date pairs) need; True once they are complete."""
    days = [
        (datetime.date.fromisoformat(first), datetime.date.fromisoformat(last))
        for first, last in windows
    ]
    return prepare_rollups(*days).complete


def schedule_rollups(windows: Sequence[Window]) -> bool:
    """Have a worker build the windows' rollups; False when no worker would (immediate backend)."""
    if isinstance(build_activity_rollups_task.get_backend(), ImmediateBackend):
        logger.info(
            "Activity rollups of %s are incomplete; run wagtail_tracking_rollup_activity or a "
            "task worker to finish them.",
            windows,
        )
        return False
    key = "wagtail_tracking:activity-rollups:" + ",".join(
        f"{first}/{last}" for first, last in windows
    )
    if cache.add(key, True, timeout=PENDING_SECONDS):
        arguments = [[first.isoformat(), last.isoformat()] for first, last in windows]
        transaction.on_commit(lambda: build_activity_rollups_task.enqueue(arguments))
    return True
