"""Worker of the alerts' concurrency test: ``python -m tests.alerts.concurrency_worker MODE ...``.

It works on a throw-away copy of the test database (``DATABASE_URL``), so its commits are real.

- ``work WORKER START EVENTS``: wait until the epoch second ``START``, then record ``EVENTS``
  failed logins for "target" and as many page deletions by one user, each in its own
  transaction, so that the rules run after each commit as in production.
- ``verify``: prints the alerts raised.
"""

import json
import os
import sys
import time


def work(worker: int, start: float, events: int) -> dict:
    from django.db import transaction
    from django.utils import timezone

    from wagtail_tracking.activity.models import ActivityEvent
    from wagtail_tracking.activity.writes import save_event

    time.sleep(max(0.0, start - time.time()))
    for index in range(events):
        for action, fields in (
            ("wagtail_tracking.login_failed", {"affected_username": "target"}),
            ("wagtail.delete", {"user_id": 1, "user_name": "racer"}),
        ):
            now = timezone.now()
            with transaction.atomic():
                save_event(
                    ActivityEvent(
                        timestamp=now,
                        last_timestamp=now,
                        action=action,
                        object_type="page",
                        object_id=f"{worker}-{index}",
                        source="admin",
                        **fields,
                    )
                )
    return {"worker": worker}


def verify() -> dict:
    from wagtail_tracking.alerts.models import Alert

    return {"alerts": list(Alert.objects.order_by("pk").values_list("rule", "subject"))}


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    mode, *args = sys.argv[1:]
    result = work(int(args[0]), float(args[1]), int(args[2])) if mode == "work" else verify()
    sys.stdout.write(json.dumps(result))
