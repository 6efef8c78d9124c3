"""The weekly digest as a background task (django-tasks): enqueue it weekly from a scheduler,
or run ``wagtail_tracking_send_digest`` from cron. Either is safe to run twice."""

from django_tasks import task

from .mail import send_digests


@task()
def send_digest_task() -> dict:
    return send_digests().as_dict()
