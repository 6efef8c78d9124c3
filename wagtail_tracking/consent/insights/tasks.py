"""Background tasks (django-tasks): flush the consent buffer (cache mode) and apply retention.

Enqueue ``flush_consent_buffer_task`` every minute next to the usage flush, and
``prune_consent_task`` daily; or run ``wagtail_tracking_flush_consent`` and
``wagtail_tracking_prune_consent`` from cron. Both are safe to overlap.
"""

from django_tasks import task

from .buffer import flush_consent_buffer
from .prune import prune_consent


@task()
def flush_consent_buffer_task() -> dict[str, int]:
    return flush_consent_buffer().as_dict()


@task()
def prune_consent_task() -> dict[str, int]:
    return prune_consent().as_dict()
