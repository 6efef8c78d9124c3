"""Two processes editing and publishing at once: every committed action has its event, exactly once.

The processes commit for real, so they work on a copy of the test database (PostgreSQL's
``CREATE DATABASE … TEMPLATE``), dropped afterwards; the test database is left untouched.
"""

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection


ACTIONS_PER_WORKER = 60  # 120 actions, each an edit and a publish: 240 log entries


@pytest.fixture
def race_database(django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency test runs on PostgreSQL")
    if connection.settings_dict["HOST"] not in ("127.0.0.1", "localhost"):
        pytest.skip("the concurrency test only runs against a local database")
    with django_db_blocker.unblock():
        source = connection.settings_dict["NAME"]
        if not source.startswith("test_"):  # not yet switched to the test database's name
            source = connection.creation._get_test_db_name()
        clone = f"{source}_race"
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{clone}"')
            cursor.execute(f'CREATE DATABASE "{clone}" TEMPLATE "{source}"')
        try:
            yield clone
        finally:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{clone}" WITH (FORCE)')


def run_worker(database, *args):
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{database}",
    }
    # A file for stderr: a full pipe would block a worker while the test waits on the other.
    errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115  (closed in result())
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.activity.concurrency_worker", *map(str, args)],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )
    process.errors = errors
    return process


def result(process):
    out, _ = process.communicate(timeout=300)
    process.errors.seek(0)
    errors = process.errors.read()
    process.errors.close()
    assert process.returncode == 0, errors[-3000:]
    return json.loads(out)


@pytest.mark.postgres_only
def test_parallel_editors_get_exactly_their_committed_actions(race_database):
    setup = result(run_worker(race_database, "setup"))
    shared, own_0, own_1 = setup["page_ids"]
    workers = [
        run_worker(
            race_database, "work", worker, f"{shared},{own}", setup["user_id"], ACTIONS_PER_WORKER
        )
        for worker, own in enumerate((own_0, own_1))
    ]
    summaries = [result(process) for process in workers]
    verified = result(run_worker(race_database, "verify"))

    committed = {pk for s in summaries for pk in s["committed"]}
    rolled_back = {pk for s in summaries for pk in s["rolled_back"]}
    assert committed and rolled_back
    events = verified["events"]
    # One edit and one publish event per committed action, none for a rolled-back one...
    assert Counter(revision for _, revision, _ in events) == dict.fromkeys(committed, 2)
    assert not rolled_back & {revision for _, revision, _ in events}
    # ...and each mirrors exactly one committed Wagtail log entry.
    assert sorted(log_id for *_, log_id in events) == sorted(verified["log_entry_ids"])
