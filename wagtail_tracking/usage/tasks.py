"""Background task flushing the cache buffer (django-tasks, a Wagtail dependency).

Enqueue it periodically, e.g. from a scheduler that runs
``flush_usage_buffer_task.enqueue()`` every minute, or run the management command
``wagtail_tracking_flush_usage`` from cron. Either is safe to overlap with the other.
"""

from django_tasks import task

from .buffer import flush_usage_buffer


@task()
def flush_usage_buffer_task() -> dict:
    return flush_usage_buffer().as_dict()
