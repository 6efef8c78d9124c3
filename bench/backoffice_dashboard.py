"""Back-office server time at scale against Wagtail's Site history report, and the maintenance.

    make bench-backoffice BENCH_ARGS="--events 100000"
    make bench-backoffice BENCH_ARGS="--events 1000000 --events 10000000"

PostgreSQL only. Each size gets its own database (``DATABASE_URL`` with the size appended,
default ``postgres://postgres@127.0.0.1:5432/wt_backoffice_bench_<N>``, created if missing),
filled once in SQL (``generate_series``, indexes rebuilt after the insert: minutes, not hours
at 10M) with N activity events over ``--years`` (default five), in time order as an
append-only log is, on ``--objects`` objects touched at random, and Wagtail's page log with as
many entries. Then, with Django's test client in this process (server time, rendering included),
each figure the median of ``--rounds`` requests after a warm-up, with the range:

* the dashboard for two weeks and one year; every "Show more" list with only the period, and
  with a filter or a search; the activity log's first page; one user's and one object's
  history (drill-downs); Wagtail's Site history first page beside, with the ratio;
* the first request after an upgrade (no rollups at all; the process already warm),
  ``--build-rounds`` times;
* building every rollup with ``wagtail_tracking_rollup_activity`` while an editor writes an
  event every 50 ms (the slowest of those writes is printed: no lock blocks them), and pruning
  the oldest month with ``wagtail_tracking_prune_activity`` (the month is put back afterwards);
* the CSV export of the last ``--export-days`` (default 30; 0: every event) from the activity
  log (rows per second, peak memory growth), unless ``--skip-export``.

Server time: the test client's template instrumentation (a copy of every template context, kept
for tests' assertions) is switched off for the timings, for both the peer and these views.

Several ``--events`` run one after the other, each in its own process; the growth from the
smallest to the largest size is printed last: the dashboard and the lists follow the window,
not the table.
"""

import argparse
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time


sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
BASE_URL = "postgres://postgres@127.0.0.1:5432/wt_backoffice_bench"

OBJECT_TYPES = ["page", "page", "page", "snippet", "image", "document", "user", "setting"]
ACTIONS = ["wagtail.edit", "wagtail.edit", "wagtail.publish", "wagtail.create", "wagtail.delete"]
EVENTS = "wagtail_tracking_activityevent"


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def sql_array(values) -> str:
    return "ARRAY[" + ",".join(f"'{value}'" for value in values) + "]"


def fill(args, page_id: int, content_type_id: int, user_ids: list[int]) -> float:
    """N events and N page log entries in SQL, secondary indexes dropped and rebuilt around."""
    from django.db import connection

    from wagtail_tracking.models import ActivityEvent

    n, days = args.events, round(args.years * 365.25)
    # The generated events only: the bench's own logins are recorded too (source "auth").
    if ActivityEvent.objects.filter(source="admin").count() == n:
        return 0.0
    started = time.perf_counter()
    users = "ARRAY[" + ",".join(str(u) for u in user_ids) + "]"
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE wagtail_tracking_activityevent, wagtailcore_pagelogentry")
        cursor.execute("SET maintenance_work_mem = '256MB'")
        indexes = {}
        for table in (EVENTS, "wagtailcore_pagelogentry"):
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname "
                "NOT IN (SELECT conname FROM pg_constraint)",
                [table],
            )
            indexes.update(cursor.fetchall())
        for name in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(
            f"""
            INSERT INTO {EVENTS}
                (timestamp, last_timestamp, site_id, user_id, user_name, object_type,
                 content_type_id, object_id, object_title, page_id, action, affected_username,
                 diff, source, log_entry_model, repeat_count)
            SELECT ts, ts, 1, ({users})[1 + o %% {len(user_ids)}], 'user' || (o %% {len(user_ids)}),
                   ({sql_array(OBJECT_TYPES)})[1 + o %% {len(OBJECT_TYPES)}], {content_type_id},
                   o::text, 'Object ' || o, NULL,
                   ({sql_array(ACTIONS)})[1 + i %% {len(ACTIONS)}], '',
                   '{{"changed": {{"title": ["A", "B"]}}}}'::jsonb, 'admin', '', 1
            FROM (
                SELECT i, (random() * {args.objects - 1})::int AS o,
                       now() - (random() * interval '{days} days') AS ts
                FROM generate_series(1, %s) AS i
            ) AS rows
            ORDER BY ts
            """,  # noqa: S608 - constants and ids of this script, no input
            [n],
        )
        cursor.execute(
            f"""
            INSERT INTO wagtailcore_pagelogentry
                (content_type_id, label, action, data, timestamp, content_changed, deleted,
                 page_id, user_id)
            SELECT {content_type_id}, 'Page ' || (i %% {args.objects}),
                   ({sql_array(ACTIONS)})[1 + i %% {len(ACTIONS)}], '{{}}'::jsonb, ts, true,
                   false, {page_id}, ({users})[1 + i %% {len(user_ids)}]
            FROM (
                SELECT i, now() - (random() * interval '{days} days') AS ts
                FROM generate_series(1, %s) AS i
            ) AS rows
            ORDER BY ts
            """,  # noqa: S608 - constants and ids of this script, no input
            [n],
        )
        for definition in indexes.values():
            cursor.execute(definition)
        # Settle the tables as autovacuum would, so that it does not run during the timings.
        cursor.execute(f"VACUUM ANALYZE {EVENTS}")
        cursor.execute("VACUUM ANALYZE wagtailcore_pagelogentry")
    return time.perf_counter() - started


def uninstrument_templates() -> None:
    """Render templates as a server does: not as the test client, which copies every context."""
    from django.template import Template
    from django.test.utils import _TestState

    Template._render = _TestState.saved_data.template_render


def settle() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("activityrollup", "dailyactivitycount", "objectactivitycount"):
            cursor.execute(f"VACUUM ANALYZE wagtail_tracking_{table}")
        cursor.execute("CHECKPOINT")  # the build's writes reach the disk now, not in timings


def summary(samples: list[float]) -> dict:
    return {"median": statistics.median(samples), "low": min(samples), "high": max(samples)}


def timed(client, url: str, rounds: int) -> dict:
    assert client.get(url).status_code == 200, url  # warm-up: caches, first query plans
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return summary(samples)


def first_requests(client, url: str, rounds: int) -> tuple[dict, bool]:
    """The year's dashboard with no rollup at all, as just after an upgrade."""
    from wagtail_tracking.activity.rollups import forget_rollups

    # A warm process: an upgrade restarts the server, but its cold start (imports, templates) is
    # the same with or without rollups and not what this figure is about.
    client.get(url)
    samples, preparing = [], False
    for _ in range(rounds):
        forget_rollups()
        settle()
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        preparing |= b"still being summarised" in response.content
    return summary(samples), preparing


def build_all(args) -> tuple[dict, float]:
    """The command building every rollup; an editor's event writes alongside, the slowest."""
    from django.core.management import call_command
    from django.db import connection

    from wagtail_tracking.activity.rollups import forget_rollups
    from wagtail_tracking.models import ActivityEvent

    samples, slowest = [], 0.0
    for _ in range(args.build_rounds):
        forget_rollups()
        settle()
        done = threading.Event()
        writes: list[float] = []

        def editor(done=done, writes=writes):
            while not done.is_set():
                started = time.perf_counter()
                ActivityEvent.objects.create(object_type="page", action="x", source="admin")
                writes.append(time.perf_counter() - started)
                time.sleep(0.05)
            ActivityEvent.objects.filter(action="x").delete()
            connection.close()

        thread = threading.Thread(target=editor)
        thread.start()
        started = time.perf_counter()
        call_command("wagtail_tracking_rollup_activity", days=round(args.years * 366), verbosity=0)
        samples.append(time.perf_counter() - started)
        done.set()
        thread.join()
        slowest = max(slowest, max(writes, default=0) * 1000)
    settle()
    return summary(samples), slowest


def build_windows(today: datetime.date) -> None:
    """The day rows around the timed windows' whole months, as the task worker leaves them.

    The command builds its own window's edges; a 14-day dashboard's days before this month are
    built by its first requests (within their budget) or the task: built here, not timed.
    """
    from wagtail_tracking.activity.rollup_blocks import prepare_rollups
    from wagtail_tracking.periods import Period

    for days in (14, 365):
        period = Period(today - datetime.timedelta(days=days - 1), today)
        previous = period.previous()
        prepare_rollups((period.start, period.end), (previous.start, previous.end))
    settle()


def prune_month(args) -> dict:
    """Prune the oldest month with the command, then put its events back (and its rollups)."""
    from django.core.management import call_command
    from django.db import connection

    from wagtail_tracking.activity.rollup_blocks import prepare_rollups
    from wagtail_tracking.activity.rollups import last_finished_day

    months = round(args.years * 12) - 1
    samples = []
    for _ in range(args.build_rounds):
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE kept AS SELECT * FROM {EVENTS} "  # noqa: S608
                f"WHERE timestamp < now() + interval '1 hour' - interval '{months} months'"
            )
        started = time.perf_counter()
        call_command("wagtail_tracking_prune_activity", months=months, verbosity=0)
        samples.append(time.perf_counter() - started)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {EVENTS} SELECT * FROM kept ON CONFLICT DO NOTHING")  # noqa: S608
            cursor.execute("DROP TABLE kept")
        last = last_finished_day()
        prepare_rollups((last - datetime.timedelta(days=round(args.years * 366)), last))
    settle()
    return summary(samples)


def measure(args) -> dict:
    """Every figure of one size, in ms (s for the commands)."""
    import django
    from django.conf import settings

    settings.DEBUG = False  # no query log growing with the export
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from wagtail.models import Page

    from wagtail_tracking.activity import disable_activity_capture

    assert connection.vendor == "postgresql", "this benchmark needs PostgreSQL (DATABASE_URL)"
    setup_test_environment()
    uninstrument_templates()
    call_command("migrate", verbosity=0)
    User = get_user_model()
    with disable_activity_capture():
        admin = User.objects.filter(
            username="bench-admin"
        ).first() or User.objects.create_superuser("bench-admin", "bench@example.com", "x")
        users = [User.objects.get_or_create(username=f"bench-user-{i}")[0].pk for i in range(19)]
    page = Page.get_first_root_node()
    page_type = ContentType.objects.get_for_model(Page).pk
    fill_seconds = fill(args, page.pk, page_type, [admin.pk, *users])
    if fill_seconds:
        print(
            f"Generated {args.events:,} events and log entries in {fill_seconds:.1f} s", flush=True
        )
    if args.fill_only:
        return {"events": args.events}

    client = Client()
    client.force_login(admin)
    today = datetime.date.today()

    def url(name, *url_args, days=None, query=""):
        address = reverse(f"wagtail_tracking_analytics:{name}", args=url_args)
        if days:
            start = today - datetime.timedelta(days=days - 1)
            query = f"date_from={start}&date_to={today}&{query}"
        return f"{address}?{query}"

    figures: dict = {"events": args.events}
    dashboard_year = url("backoffice", days=365)
    figures["first request after an upgrade"], figures["preparing shown"] = first_requests(
        client, dashboard_year, args.build_rounds
    )
    figures["build all rollups (s)"], figures["slowest editor write (ms)"] = build_all(args)
    build_windows(today)
    print(f"[{args.events:,}] rollups built", flush=True)
    rows = {
        "Wagtail Site history, first page": reverse("wagtailadmin_reports:site_history"),
        "dashboard, 14 days": url("backoffice", days=14),
        "dashboard, 365 days": dashboard_year,
    }
    for days in (14, 365):
        rows[f"users list, {days} days"] = url("backoffice_users", days=days)
        rows[f"pages list, {days} days"] = url("backoffice_pages", days=days)
        rows[f"objects list, {days} days"] = url("backoffice_objects", days=days)
    rows["objects list, 365 days, type filter"] = url(
        "backoffice_objects", days=365, query="object_type=image"
    )
    rows["objects list, 365 days, title search"] = url(
        "backoffice_objects", days=365, query="q=Object 42"
    )
    rows["users list, 365 days, action filter"] = url(
        "backoffice_users", days=365, query="action=wagtail.publish"
    )
    # Filters the object rollups do not carry: the events, from the (action|user, ...) indexes.
    rows["objects list, 365 days, action filter"] = url(
        "backoffice_objects", days=365, query="action=wagtail.publish"
    )
    rows["objects list, 365 days, user filter"] = url(
        "backoffice_objects", days=365, query=f"user={users[3]}"
    )
    rows["pages list, 365 days, user filter"] = url(
        "backoffice_pages", days=365, query=f"user={users[3]}"
    )
    rows["users list, 365 days, search"] = url("backoffice_users", days=365, query="q=user1")
    rows["activity log, first page, all time"] = url("backoffice_events")
    rows["activity log, first page, 365 days"] = url("backoffice_events", days=365)
    rows["activity log, 365 days, search"] = url("backoffice_events", days=365, query="q=Object 42")
    rows["one user's actions (drill-down)"] = url("backoffice_user", users[3])
    rows["one user's actions, 365 days"] = url("backoffice_user", users[3], days=365)
    rows["one object's history (drill-down)"] = url("backoffice_object", page_type, "42")
    for label, address in rows.items():
        figures[label] = timed(client, address, args.rounds)
        print(f"[{args.events:,}] {label}: {figures[label]['median']:.0f} ms", flush=True)
    figures["prune one month (s)"] = prune_month(args)
    if not args.skip_export:
        window = (
            url("backoffice_events", days=args.export_days)
            if args.export_days
            else url("backoffice_events")
        )
        figures["export"] = {
            **export(client, f"{window}&export=csv"),
            "days": args.export_days,
        }
    return figures


def export(client, address: str) -> dict:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(address)
    rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
    elapsed = time.perf_counter() - started
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return {"rows": rows, "seconds": elapsed, "memory_mb": growth}


def cell(value) -> str:
    if isinstance(value, dict) and "median" in value:
        return f"{value['median']:,.1f} [{value['low']:,.1f}–{value['high']:,.1f}]"
    return str(value)


def report(results: list[dict]) -> None:
    sizes = [f"{result['events']:,} events" for result in results]
    history = "Wagtail Site history, first page"
    print("\nBack-office server time (PostgreSQL), median [range], ms unless said otherwise")
    print(f"{'':<42}" + "".join(f"{size:>34}{'× history':>11}" for size in sizes))
    for label in results[0]:
        if label in ("events", "export"):
            continue
        line = f"{label:<42}"
        for result in results:
            ratio = ""
            if isinstance(result[label], dict) and "(s)" not in label:
                ratio = f"{result[label]['median'] / result[history]['median']:.2f}"
            line += f"{cell(result[label]):>34}{ratio:>11}"
        print(line)
    for result in results:
        if "export" in result:
            export = result["export"]
            print(
                f"CSV export at {result['events']:,} ({export.get('days') or 'all'} days): "
                f"{export['rows']:,} rows in "
                f"{export['seconds']:.1f} s ({export['rows'] / export['seconds']:,.0f} rows/s), "
                f"peak memory growth {export['memory_mb']:.1f} MB"
            )
    if len(results) > 1:
        small, large = results[0], results[-1]
        print(f"\nGrowth from {small['events']:,} to {large['events']:,} events (median ratio)")
        for label, value in small.items():
            if isinstance(value, dict) and "median" in value:
                print(f"{label:<42}{large[label]['median'] / value['median']:>8.2f}×")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append")
    parser.add_argument("--years", type=float, default=5)
    parser.add_argument("--objects", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--build-rounds", type=int, default=3)
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument(
        "--export-days", type=int, default=30, help="Days of events exported (0: all of them)."
    )
    parser.add_argument("--json", help="Write the figures of one size to this file.")
    parser.add_argument("--fill-only", action="store_true", help="Generate the data, then stop.")
    args = parser.parse_args()
    sizes = args.events or [10_000]
    base = os.environ.get("DATABASE_URL", BASE_URL)
    if len(sizes) == 1 and args.json:
        os.environ["DATABASE_URL"] = base
        ensure_database(base)
        args.events = sizes[0]
        with open(args.json, "w") as output:
            json.dump(measure(args), output)
        return
    results = []
    for size in sizes:
        with tempfile.NamedTemporaryFile(suffix=".json") as output:
            command = [sys.executable, __file__, "--events", str(size), "--json", output.name]
            for option in ("years", "objects", "rounds", "build_rounds", "export_days"):
                command += [f"--{option.replace('_', '-')}", str(getattr(args, option))]
            command += ["--skip-export"] if args.skip_export else []
            command += ["--fill-only"] if args.fill_only else []
            environment = {**os.environ, "DATABASE_URL": f"{base}_{size}"}
            subprocess.run(command, check=True, env=environment)
            with open(output.name) as result:
                results.append(json.load(result))
    if not args.fill_only:
        report(results)


if __name__ == "__main__":
    main()
