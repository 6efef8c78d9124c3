"""Worker of the concurrency test, run as ``python -m tests.activity.concurrency_worker MODE ...``.

It works on a throw-away copy of the test database (``DATABASE_URL``), so that its commits are
real and the test database is left as it was. Modes:

- ``setup``: create the pages and the user; prints their ids.
- ``work WORKER PAGE_IDS USER_ID ACTIONS``: edit and publish, rolling back every fifth action
  (and any action the database aborts, e.g. on a deadlock); prints what committed.
- ``verify``: prints the events and log entries the test compares.

The search index is not updated: concurrent index updates of one page can deadlock inside
Wagtail's database search backend, which swallows the error and leaves the transaction aborted.
That is Wagtail's matter, not the activity log's.
"""

import json
import os
import sys


class Rollback(Exception):
    pass


def setup() -> dict:
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale, Page

    from tests.testapp.models import ContentPage

    # Transactional tests that ran earlier may have flushed Wagtail's initial data.
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    pages = [
        root.add_child(instance=ContentPage(title=title, slug=title.lower().replace(" ", "-")))
        for title in ("Shared", "Own 0", "Own 1")
    ]
    user = get_user_model().objects.create_superuser("racer", "racer@example.com", "x")
    return {"page_ids": [page.pk for page in pages], "user_id": user.pk}


def work(worker: int, page_ids: list[int], user_id: int, actions: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError, transaction
    from wagtail.log_actions import LogContext

    from tests.testapp.models import ContentPage

    user = get_user_model().objects.get(pk=user_id)
    committed, rolled_back = [], []
    for index in range(actions):
        page_id = page_ids[index % len(page_ids)]
        revision = None
        try:
            with LogContext(user=user), transaction.atomic():
                page = ContentPage.objects.select_for_update().get(pk=page_id)
                page.body = f"<p>worker {worker} action {index}</p>"
                revision = page.save_revision(user=user, log_action=True)
                revision.publish(user=user)
                if index % 5 == 4:
                    raise Rollback
            committed.append(revision.pk)
        except (Rollback, DatabaseError):
            if revision is not None:
                rolled_back.append(revision.pk)
    return {"committed": committed, "rolled_back": rolled_back}


def verify() -> dict:
    from wagtail.models import PageLogEntry

    from wagtail_tracking.models import ActivityEvent

    events = ActivityEvent.objects.filter(action__in=["wagtail.edit", "wagtail.publish"])
    return {
        "events": list(events.values_list("action", "revision_id", "log_entry_id")),
        "log_entry_ids": list(
            PageLogEntry.objects.filter(action__in=["wagtail.edit", "wagtail.publish"]).values_list(
                "pk", flat=True
            )
        ),
    }


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    from django.conf import settings

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    mode, *args = sys.argv[1:]
    if mode == "setup":
        result = setup()
    elif mode == "work":
        worker, page_ids, user_id, actions = args
        result = work(
            int(worker), [int(pk) for pk in page_ids.split(",")], int(user_id), int(actions)
        )
    else:
        result = verify()
    sys.stdout.write(json.dumps(result))
