"""What the alert rules add to an admin publish, and how long a weekly digest takes.

    make bench-alerts                       # SQLite (a file in build/), 1M events
    BENCH_ARGS="--events 200000" make bench-alerts
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_alerts_bench make bench-alerts

Publish: each run publishes the same page through the admin's edit view ("Publish"), alternating
rules on and rules off (the alerts' receiver disconnected) in turn, with Wagtail's default task
backend (immediate). It prints, per mode, the median of the 5 runs' medians, their range, and
the ratio of rules on to rules off in the same run (wall and this process's CPU time).

Digest: fills the activity log with ``--events`` events over 13 weeks on one site (and usage
counters), then times building and rendering one digest for the last finished week: the first
time (which builds the per-day rollups it reads) and again (rollups built).
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time


sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.alerts_settings")


def publisher():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import Page, Site
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    from tests.testapp.models import ContentPage

    User = get_user_model()
    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "bench@example.com", "x"
    )
    page = ContentPage.objects.filter(slug="bench-page").first()
    if page is None:
        home = Page.get_first_root_node().add_child(
            instance=ContentPage(title="Bench home", slug="bench-home")
        )
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
        page = home.add_child(instance=ContentPage(title="Bench page", slug="bench-page"))
        page.save_revision(user=admin).publish(user=admin)
    client = Client()
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    counter = [0]

    def publish():
        counter[0] += 1
        data = nested_form_data(
            {
                "title": "Bench page",
                "slug": "bench-page",
                "body": rich_text(f"<p>Version {counter[0]}</p>"),
                "comments": inline_formset([]),
                "action-publish": "publish",
            }
        )
        started, cpu = time.perf_counter(), time.process_time()
        response = client.post(url, data)
        elapsed = time.perf_counter() - started, time.process_time() - cpu
        assert response.status_code == 302, response.status_code
        return elapsed

    return publish


def bench_publish(runs: int, rounds: int, warmup: int) -> None:
    from wagtail_tracking.alerts.signal_handlers import (
        disconnect_signal_handlers,
        register_signal_handlers,
    )

    publish = publisher()
    modes = {"rules off": disconnect_signal_handlers, "rules on": register_signal_handlers}
    per_run = {name: [] for name in modes}
    for _run in range(runs):
        timings = {name: [] for name in modes}
        for round_index in range(warmup + rounds):
            names = list(modes)[:: 1 if round_index % 2 else -1]  # alternate who goes first
            for name in names:
                modes[name]()
                elapsed = publish()
                if round_index >= warmup:
                    timings[name].append(elapsed)
        for name in modes:
            per_run[name].append(
                (
                    statistics.median(w for w, _ in timings[name]),
                    statistics.median(c for _, c in timings[name]),
                )
            )
    register_signal_handlers()
    print(f"Admin publish, {runs} runs of {rounds} publishes per mode")
    print(f"{'mode':<11}{'wall ms':>9}{'range':>17}{'CPU ms':>9}{'range':>17}")
    for name, values in per_run.items():
        wall, cpu = [v[0] * 1000 for v in values], [v[1] * 1000 for v in values]
        print(
            f"{name:<11}{statistics.median(wall):>9.2f}{f'{min(wall):.2f}–{max(wall):.2f}':>17}"
            f"{statistics.median(cpu):>9.2f}{f'{min(cpu):.2f}–{max(cpu):.2f}':>17}"
        )
    for index, kind in ((0, "wall"), (1, "CPU")):
        ratios = [
            on[index] / off[index]
            for on, off in zip(per_run["rules on"], per_run["rules off"], strict=True)
        ]
        print(
            f"ratio on/off ({kind}): median {statistics.median(ratios):.3f}, "
            f"range {min(ratios):.3f}–{max(ratios):.3f}"
        )


def bench_receiver() -> None:
    """The rules' share of a publish in isolation: the receiver on a publish's two events."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from wagtail_tracking.activity.models import ActivityEvent
    from wagtail_tracking.alerts.watch import watch_events

    now = timezone.now()
    events = [
        ActivityEvent(pk=n, timestamp=now, action=action, object_type="page", user_id=1)
        for n, action in enumerate(("wagtail.edit", "wagtail.publish"), start=1)
    ]
    calls = 20000
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        for _ in range(calls):
            watch_events(ActivityEvent, events=events)
        elapsed = time.perf_counter() - started
    print(
        f"receiver on a publish's events: {elapsed / calls * 1e6:.1f} µs per publish, "
        f"{len(queries)} queries, nothing enqueued (no rule concerns a publish)"
    )


def fill(events: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page, Site

    from wagtail_tracking.activity.models import ActivityEvent
    from wagtail_tracking.usage.models import UsageCount

    site = Site.objects.get(is_default_site=True)
    have = ActivityEvent.objects.filter(site=site).count()
    if have >= events:
        return
    users = list(get_user_model().objects.values_list("pk", flat=True)) or [None]
    pages = list(Page.objects.values_list("pk", "content_type_id"))
    now, rng, batch = timezone.now(), random.Random(1), []
    if connection.vendor == "postgresql":  # one INSERT … SELECT: minutes become seconds
        fill_postgresql(events - have, site.pk, users[0], pages[-1])
        have = events
    actions = ["wagtail.edit", "wagtail.publish", "wagtail.create", "wagtail.delete"]
    for n in range(max(events - have, 0)):
        moment = now - datetime.timedelta(seconds=rng.randrange(91 * 24 * 3600))
        page_id, content_type_id = rng.choice(pages)
        batch.append(
            ActivityEvent(
                timestamp=moment,
                last_timestamp=moment,
                site=site,
                user_id=rng.choice(users),
                user_name="bench",
                object_type="page",
                content_type_id=content_type_id,
                object_id=str(page_id),
                page_id=page_id,
                action=rng.choice(actions),
                source="admin",
            )
        )
        if len(batch) == 20000 or n == events - have - 1:
            with transaction.atomic():
                ActivityEvent.objects.bulk_create(batch)  # no stream: no alert while filling
            batch = []
    today = timezone.localdate()
    UsageCount.objects.bulk_create(
        [
            UsageCount(
                day=today - datetime.timedelta(days=d),
                site=site,
                kind="page",
                audience=1,
                object_id=pk,
                count=rng.randrange(1, 500),
            )
            for d in range(91)
            for pk, _ in pages
        ],
        ignore_conflicts=True,
    )


def fill_postgresql(count: int, site_id: int, user_id, page) -> None:
    from django.db import connection

    from wagtail_tracking.activity.models import ActivityEvent

    table = ActivityEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (timestamp, last_timestamp, site_id, user_id, user_name,
                object_type, content_type_id, object_id, object_title, page_id, action,
                affected_username, source, log_entry_model, repeat_count)
            SELECT t, t, %s, %s, 'bench', 'page', %s, (%s + n %% 50)::text, '', %s,
                (ARRAY['wagtail.edit','wagtail.publish','wagtail.create'])[1 + n %% 3],
                '', 'admin', '', 1
            FROM (SELECT n, now() - (random() * interval '91 days') AS t
                  FROM generate_series(1, %s) AS n) AS g
            """,  # noqa: S608 - the table name is the model's; values are parameters
            [site_id, user_id, page[1], page[0], page[0], count],
        )


def bench_digest(events: int) -> None:
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from wagtail_tracking.activity.models import ActivityEvent
    from wagtail_tracking.reports.digest.figures import last_week
    from wagtail_tracking.reports.digest.mail import render_digest

    started = time.perf_counter()
    fill(events)
    site = Site.objects.get(is_default_site=True)
    total = ActivityEvent.objects.filter(site=site).count()
    print(
        f"\nDigest for a site with {total:,} events (filled in {time.perf_counter() - started:.0f} s)"
    )
    user = get_user_model().objects.get(username="bench-admin")
    for label in ("first (builds rollups)", "again", "again"):
        started = time.perf_counter()
        message = render_digest(user, site, last_week())
        print(f"{label:<24}{(time.perf_counter() - started) * 1000:>9.0f} ms")
    assert "Weekly analytics digest" in message.alternatives[0][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--skip-digest", action="store_true")
    parser.add_argument("--skip-publish", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(f"Database: {connection.vendor}")
    if not args.skip_publish:
        bench_publish(args.runs, args.rounds, args.warmup)
    bench_receiver()
    if not args.skip_digest:
        bench_digest(args.events)


if __name__ == "__main__":
    main()
