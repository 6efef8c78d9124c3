"""Several processes recording the same burst at once raise one alert per rule, not several.

The processes commit for real on a copy of the test database (see
``tests/activity/test_concurrency.py``, whose fixture this reuses).
"""

import os
import subprocess
import sys
import tempfile
import time

import pytest
from django.conf import settings

from tests.activity.test_concurrency import race_database, result  # noqa: F401  (fixture)


WORKERS = 4
EVENTS = 8  # each: 32 failed logins and 32 deletions, thresholds 6 and 10


def run_worker(database, *args):
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{database}",
    }
    errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115  (closed in result())
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.alerts.concurrency_worker", *map(str, args)],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )
    process.errors = errors
    return process


@pytest.mark.postgres_only
def test_parallel_processes_raise_one_alert_per_burst(race_database):  # noqa: F811
    start = time.time() + 4  # every worker has loaded Django by then
    workers = [run_worker(race_database, "work", n, start, EVENTS) for n in range(WORKERS)]
    for process in workers:
        result(process)
    alerts = result(run_worker(race_database, "verify"))["alerts"]
    assert sorted(map(tuple, alerts)) == [
        ("failed_logins", "target"),
        ("failed_logins_overall", "*"),
        ("mass_removal", "1"),
    ]
