"""Consent beacon throughput, and receipts lookup / Consent report cost at scale.

    # throughput: beacons/s with statistics and receipts on, database and cache modes,
    # against a plain Django view answering 204, in one process (SQLite unless DATABASE_URL)
    .venv/bin/python bench/consent_beacon.py throughput [--blocks 7] [--requests 300]

    # scale (PostgreSQL): N receipts, one lookup by ID, the report for 14 days and a year
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_bench19 \\
        .venv/bin/python bench/consent_beacon.py scale [--receipts 10000000]

Throughput runs the Django test client in one process and alternates the modes block by block,
so the machine's noise hits them alike; it prints requests/s medians, ranges and the ratio to the
plain 204 view. Needs Redis (``WT_BENCH_REDIS_URL``) for the cache mode.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "sandbox")]
DATABASE = Path(tempfile.gettempdir()) / "wt-bench-consent.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.consent_settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DATABASE}")
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
DIGEST = "b0b0b0b0b0b0b0b0"  # hex, as the beacon requires
BEACON = "/wagtail-tracking/consent/"
MODES = {
    "plain 204": None,
    "database": {"USAGE_STORAGE": "database", "USAGE_CACHE_ALIAS": "usage"},
    "cache": {"USAGE_STORAGE": "cache", "USAGE_CACHE_ALIAS": "usage"},
}


def setup():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from wagtail.models import Site

    from wagtail_tracking.models import BannerVersion

    if not Site.objects.exists():
        call_command("load_demo_data", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    tools = [
        {"slug": s, "name": s, "purpose": "", "mode": "require", "note": "", "cookies": []}
        for s in ("ga4", "matomo")
    ]
    BannerVersion.objects.get_or_create(
        site=site, language="en", digest=DIGEST, defaults={"snapshot": {"tools": tools}}
    )
    return site


def payload(i):
    if i % 3 == 0:
        return {"v": DIGEST, "l": "en", "e": "shown"}
    return {
        "v": DIGEST,
        "l": "en",
        "e": "custom",
        "c": {"ga4": i % 2 == 0, "matomo": True},
        "r": secrets.token_hex(16),
    }


def throughput(args):
    setup()
    from django.core.cache import caches
    from django.test import Client, override_settings

    from wagtail_tracking.consent.insights.buffer import flush_consent_buffer

    client = Client(
        HTTP_USER_AGENT=USER_AGENT, HTTP_ORIGIN="http://127.0.0.1", HTTP_HOST="127.0.0.1"
    )
    bodies = [json.dumps(payload(i)) for i in range(args.requests)]
    samples = {mode: [] for mode in MODES}
    for block in range(args.blocks + 1):  # block 0 warms up
        for mode, options in MODES.items():
            url = "/bench-204/" if options is None else BEACON
            with override_settings(WAGTAIL_TRACKING=options or {}):
                bodies = [json.dumps(payload(i)) for i in range(args.requests)]
                started = time.perf_counter()
                for body in bodies:
                    client.post(url, body, content_type="text/plain")
                elapsed = time.perf_counter() - started
                if mode == "cache":
                    flush_consent_buffer(include_open=True)
            if block:
                samples[mode].append(args.requests / elapsed)
    caches["usage"].clear()
    baseline = statistics.median(samples["plain 204"])
    vendor = os.environ["DATABASE_URL"].split(":", 1)[0]
    print(f"\nConsent beacon ({vendor}), {args.blocks} blocks of {args.requests} requests per mode")
    print(f"{'mode':<11}{'req/s median':>14}{'range':>20}{'vs plain':>10}")
    for mode, values in samples.items():
        median = statistics.median(values)
        print(
            f"{mode:<11}{median:14.0f}{f'{min(values):.0f}–{max(values):.0f}':>20}"
            f"{median / baseline:10.3f}"
        )


def scale(args):
    site = setup()
    from django.db import connection

    from wagtail_tracking.consent.insights import queries
    from wagtail_tracking.models import BannerVersion, ConsentCount, ConsentReceipt
    from wagtail_tracking.periods import last_days

    assert connection.vendor == "postgresql", "the scale benchmark runs on PostgreSQL"
    version = BannerVersion.objects.get(digest=DIGEST)
    have = ConsentReceipt.objects.count()
    if have < args.receipts:
        started = time.perf_counter()
        generate(connection, ConsentReceipt._meta.db_table, site, version, have, args.receipts)
        print(f"inserted {args.receipts - have} receipts in {time.perf_counter() - started:.0f} s")
    fill_counts(site, ConsentCount)
    print(f"\n{ConsentReceipt.objects.count():,} receipts on PostgreSQL (median of 21 runs)")
    ids = list(ConsentReceipt.objects.values_list("receipt_id", flat=True)[:21])
    lookups = [timed(lambda rid=rid: ConsentReceipt.objects.get(receipt_id=rid)) for rid in ids]
    print(f"{'lookup by receipt ID':<34}{statistics.median(lookups):8.2f} ms")
    rows = ConsentCount.objects.filter(site=site)
    for days in (14, 365):
        period = last_days(days)
        report = [
            timed(
                lambda p=period: (
                    queries.totals(rows, p),
                    queries.daily(rows, p),
                    queries.tool_rates(rows, p),
                )
            )
            for _ in range(21)
        ]
        print(f"{f'Consent report, {days} days':<34}{statistics.median(report):8.2f} ms")
        count = [timed(lambda p=period: receipts_in(ConsentReceipt, site, p)) for _ in range(5)]
        print(
            f"{f'receipts in the last {days} days (count)':<34}{statistics.median(count):8.2f} ms"
        )


def generate(connection, table, site, version, have, wanted):
    """Receipts ``have + 1`` to ``wanted``: one INSERT from generate_series, with the secondary
    indexes dropped before and rebuilt after (an index built once is far cheaper than ten million
    random insertions), then VACUUM ANALYZE as autovacuum would (visibility map, statistics)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
        secondary = cursor.fetchall()
        for name, _definition in secondary:
            cursor.execute(f'DROP INDEX "{name}"')
        try:
            cursor.execute(
                f"INSERT INTO {table} "  # noqa: S608
                "(receipt_id, site_id, created_at, version_id, action, changed, choices) "
                "SELECT md5(g::text), %s, "
                "now() - ((g::bigint * 63) %% 63072000) * interval '1 second', %s, "
                "'accept', false, '{\"ga4\": true}'::jsonb FROM generate_series(%s, %s) g",
                [site.pk, version.pk, have + 1, wanted],
            )
        finally:
            for _name, definition in secondary:
                cursor.execute(definition)
        cursor.execute(f"VACUUM ANALYZE {table}")


def fill_counts(site, model):
    from wagtail_tracking.consent.insights.demo import fill_demo_consent

    if not model.objects.filter(site=site).exists():
        fill_demo_consent(days=730)


def receipts_in(model, site, period):
    from wagtail_tracking.reports.receipts import period_bounds

    start, end = period_bounds(period)
    return model.objects.filter(site=site, created_at__gte=start, created_at__lt=end).count()


def timed(function):
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["throughput", "scale"])
    parser.add_argument("--blocks", type=int, default=7)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--receipts", type=int, default=10_000_000)
    args = parser.parse_args()
    throughput(args) if args.part == "throughput" else scale(args)


if __name__ == "__main__":
    main()
