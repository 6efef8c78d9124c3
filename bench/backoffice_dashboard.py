"""Back-office dashboard server time against Wagtail's Site history report, and the CSV export.

    make bench-backoffice BENCH_ARGS="--events 10000"
    make bench-backoffice BENCH_ARGS="--events 100000"
    make bench-backoffice BENCH_ARGS="--events 1000000"

PostgreSQL only (``DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/wt_backoffice_bench``,
created if missing). Fills the activity log with N events spread over the last two years, and
Wagtail's page log with the same number of entries, in SQL (``generate_series``: seconds, not
minutes), unless they already hold exactly N rows. Then, with Django's test client in this
process (so the time measured is the server's, rendering included):

* the first dashboard request, which summarises two years of finished days into the rollups
  (once; ``wagtail_tracking_rollup_activity`` can do it ahead), then ``VACUUM ANALYZE`` as
  autovacuum would after such a bulk insert;
* the dashboard for the last two weeks and for the last year, median of ``--rounds``;
* Wagtail's own Site history report, first page, on the same number of log entries, and the ratio;
* the source-data CSV export of every event: rows per second and the growth of the process's
  peak memory (``ru_maxrss``) while streaming it.
"""

import argparse
import datetime
import os
import resource
import statistics
import sys
import time


sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wt_backoffice_bench")

OBJECT_TYPES = ["page", "page", "page", "snippet", "image", "document", "user", "setting"]
ACTIONS = ["wagtail.edit", "wagtail.edit", "wagtail.publish", "wagtail.create", "wagtail.delete"]


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def fill(n: int, page_id: int, content_type_id: int, user_ids: list[int]) -> float:
    from django.db import connection

    from wagtail_tracking.models import ActivityEvent

    if ActivityEvent.objects.count() == n:
        return 0.0
    started = time.perf_counter()
    types = "ARRAY[" + ",".join(f"'{t}'" for t in OBJECT_TYPES) + "]"
    actions = "ARRAY[" + ",".join(f"'{a}'" for a in ACTIONS) + "]"
    users = "ARRAY[" + ",".join(str(u) for u in user_ids) + "]"
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE wagtail_tracking_activityevent, wagtailcore_pagelogentry")
        cursor.execute(
            f"""
            INSERT INTO wagtail_tracking_activityevent
                (timestamp, last_timestamp, site_id, user_id, user_name, object_type,
                 content_type_id, object_id, object_title, page_id, action, affected_username,
                 diff, source, log_entry_model, repeat_count)
            SELECT ts, ts, 1, ({users})[1 + i %% {len(user_ids)}], 'user' || (i %% {len(user_ids)}),
                   ({types})[1 + i %% {len(OBJECT_TYPES)}], {content_type_id}, (i %% 5000)::text,
                   'Object ' || (i %% 5000), NULL, ({actions})[1 + i %% {len(ACTIONS)}], '',
                   '{{"changed": {{"title": ["A", "B"]}}}}'::jsonb, 'admin', '', 1
            FROM (
                SELECT i, now() - (random() * interval '730 days') AS ts
                FROM generate_series(1, %s) AS i
            ) AS rows
            """,  # noqa: S608 - constants and ids of this script, no input
            [n],
        )
        cursor.execute(
            f"""
            INSERT INTO wagtailcore_pagelogentry
                (content_type_id, label, action, data, timestamp, content_changed, deleted,
                 page_id, user_id)
            SELECT {content_type_id}, 'Page ' || (i %% 5000), ({actions})[1 + i %% {len(ACTIONS)}],
                   '{{}}'::jsonb, now() - (random() * interval '730 days'), true, false,
                   {page_id}, ({users})[1 + i %% {len(user_ids)}]
            FROM generate_series(1, %s) AS i
            """,  # noqa: S608 - constants and ids of this script, no input
            [n],
        )
        # Settle the tables as autovacuum would, so that it does not run during the timings.
        cursor.execute("VACUUM ANALYZE wagtail_tracking_activityevent")
        cursor.execute("VACUUM ANALYZE wagtailcore_pagelogentry")
    return time.perf_counter() - started


def timed(client, url: str, rounds: int) -> float:
    client.get(url)  # warm-up: caches, first query plans
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
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
    call_command("migrate", verbosity=0)
    User = get_user_model()
    with disable_activity_capture():
        admin = User.objects.filter(
            username="bench-admin"
        ).first() or User.objects.create_superuser("bench-admin", "bench@example.com", "x")
        users = [User.objects.get_or_create(username=f"bench-user-{i}")[0].pk for i in range(19)]
    page = Page.get_first_root_node()
    fill_seconds = fill(
        args.events, page.pk, ContentType.objects.get_for_model(Page).pk, [admin.pk, *users]
    )
    if fill_seconds:
        print(f"Generated {args.events:,} events and log entries in {fill_seconds:.1f} s")

    client = Client()
    client.force_login(admin)
    today = datetime.date.today()
    dashboard = reverse("wagtail_tracking_analytics:backoffice")

    def window(days):
        start = today - datetime.timedelta(days=days - 1)
        return f"{dashboard}?date_from={start}&date_to={today}"

    from wagtail_tracking.activity.rollups import forget_rollups

    forget_rollups()
    started = time.perf_counter()
    assert client.get(window(365)).status_code == 200
    first = (time.perf_counter() - started) * 1000
    with connection.cursor() as cursor:
        for table in ("activityrollup", "dailyactivitycount", "objectactivitycount"):
            cursor.execute(f"VACUUM ANALYZE wagtail_tracking_{table}")
        cursor.execute("CHECKPOINT")  # the build's writes reach the disk now, not during timings

    print(f"\nBack-office dashboard, {args.events:,} events over two years (PostgreSQL)")
    print(f"first request, building the rollups of two years: {first:,.0f} ms")
    print(f"median of {args.rounds} requests, server time in this process")
    two_weeks = timed(client, window(14), args.rounds)
    one_year = timed(client, window(365), args.rounds)
    history = timed(client, reverse("wagtailadmin_reports:site_history"), args.rounds)
    print(f"{'view':<44}{'ms':>9}{'ratio':>9}")
    print(f"{'Wagtail Site history report, first page':<44}{history:>9.1f}{1:>9.2f}")
    print(f"{'dashboard, last 14 days':<44}{two_weeks:>9.1f}{two_weeks / history:>9.2f}")
    print(f"{'dashboard, last 365 days':<44}{one_year:>9.1f}{one_year / history:>9.2f}")

    if args.skip_export:
        return
    url = reverse("wagtail_tracking_analytics:backoffice_events") + "?export=csv"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(url)
    rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
    elapsed = time.perf_counter() - started
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"\nCSV export of every event: {rows:,} rows in {elapsed:.1f} s")
    print(f"{rows / elapsed:,.0f} rows/s, peak memory growth {growth:.1f} MB")


if __name__ == "__main__":
    main()
