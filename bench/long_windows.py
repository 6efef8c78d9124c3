"""Cost of one report request for a long window: seconds, response size and peak memory growth.

    .venv/bin/python bench/long_windows.py            # PostgreSQL, DATABASE_URL or the default

Each URL is requested once in a fresh process (Django's test client, so the time is the
server's, rendering included) after one warm-up request for the default period: the peak
memory growth (``ru_maxrss``) is that request's alone. PostgreSQL only
(default ``postgres://postgres@127.0.0.1:5432/wt_long_windows_bench``, created if missing).
"""

import datetime
import json
import os
import resource
import subprocess
import sys
import time


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wt_long_windows_bench")

FIVE_YEARS = 366 * 5 - 1


def urls() -> list[str]:
    today = datetime.date.today()
    start = today - datetime.timedelta(days=FIVE_YEARS)
    return [
        f"/admin/analytics/{report}/?{query}"
        for report in ("back-office", "usage")
        for query in ("date_from=1100-01-01", f"date_from={start}&date_to={today}")
    ]


def setup() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def one(url: str) -> dict[str, float]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.filter(username="bench-admin").first()
    user = user or get_user_model().objects.create_superuser("bench-admin", "b@example.com", "x")
    client = Client()
    client.force_login(user)
    client.get(url.split("?")[0])  # warm-up: imports, caches
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return {
        "status": response.status_code,
        "seconds": time.perf_counter() - started,
        "kb": len(body) / 1024,
        "peak_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024,
    }


def main() -> None:
    if len(sys.argv) > 1:
        print(json.dumps(one(sys.argv[1])))
        return
    setup()
    print(f"{'request':<72}{'status':>7}{'s':>8}{'KB':>9}{'peak MB':>9}")
    for url in urls():
        out = subprocess.run(
            [sys.executable, __file__, url], capture_output=True, text=True, check=True
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(f"{url:<72}{r['status']:>7}{r['seconds']:>8.2f}{r['kb']:>9.0f}{r['peak_mb']:>9.1f}")


if __name__ == "__main__":
    main()
