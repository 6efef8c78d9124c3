"""CPU time per page view with usage counting off, on (database) and on (cache), in one process.

    .venv/bin/python bench/usage_inprocess.py [--blocks 15] [--requests 60]

The throughput benchmark (``usage_serve.py``) swings by ±20 % between rounds on a shared
2-core machine. This one serves the sandbox home page with Django's test client in a single
process, switching the mode with ``override_settings`` between blocks of ``--requests``
requests, and measures the process's CPU time (``time.process_time``): machine noise then hits
the three modes alike, and what is left is what counting adds to a request. Needs Redis on
127.0.0.1 (``WT_BENCH_REDIS_URL``) and a sandbox database, created on first use.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "sandbox")]
DATABASE = Path(tempfile.gettempdir()) / "wt-bench-usage-inprocess.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.usage_settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DATABASE}")
os.environ["WT_BENCH_USAGE_MODE"] = "off"
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
MODES = {
    "off": {"USAGE_ENABLED": False},
    "database": {"USAGE_STORAGE": "database", "USAGE_CACHE_ALIAS": "usage"},
    "cache": {"USAGE_STORAGE": "cache", "USAGE_CACHE_ALIAS": "usage"},
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocks", type=int, default=15)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from django.test import Client, override_settings

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    client = Client(HTTP_USER_AGENT=USER_AGENT)
    for _ in range(30):  # warm-up: imports, caches, query plans
        assert client.get("/").status_code == 200
    samples = {mode: [] for mode in MODES}
    for _ in range(args.blocks):
        for mode, options in MODES.items():
            with override_settings(WAGTAIL_TRACKING=options):
                client.get("/")
                started = time.process_time()
                for _ in range(args.requests):
                    client.get("/")
                elapsed = time.process_time() - started
                samples[mode].append(elapsed / args.requests * 1000)
    caches["usage"].clear()  # leave no buffered hits behind for the next benchmark
    baseline = statistics.median(samples["off"])
    print(f"\nSandbox home page, {args.blocks} blocks of {args.requests} requests per mode")
    print(f"{'mode':<10}{'CPU ms/request':>16}{'vs off':>9}{'added':>9}")
    for mode in MODES:
        median = statistics.median(samples[mode])
        print(
            f"{mode:<10}{median:16.3f}{median / baseline:9.3f}{(median / baseline - 1) * 100:8.1f}%"
        )


if __name__ == "__main__":
    main()
