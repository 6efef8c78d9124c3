"""Saving settings in one process refreshes the output another process serves (real Redis)."""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection


REDIS_URL = os.environ.get("WAGTAIL_TRACKING_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
ROOT = Path(__file__).resolve().parents[2]


def worker_database_name():
    """The test database's name, whether or not this session has switched to it yet."""
    name = connection.settings_dict["NAME"]
    configured = connection.settings_dict.get("TEST", {}).get("NAME")
    return str(configured or (name if name.startswith("test_") else f"test_{name}"))


class WebProcess:
    """Another OS process rendering the tags against the same database and cache."""

    def __init__(self, key_prefix, local_seconds=0):
        env = {
            **os.environ,
            "WT_LOCAL_SECONDS": str(local_seconds),
            "WT_DB_NAME": worker_database_name(),
            "WT_REDIS_URL": REDIS_URL,
            "WT_KEY_PREFIX": key_prefix,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.providers.cache_worker"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.pid = json.loads(self.process.stdout.readline())["ready"]

    def send(self, **command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def render(self, host="localhost"):
        return self.send(render=host)

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture
def shared_cache(settings):
    prefix = f"wt-providers-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    settings.WAGTAIL_TRACKING = {"CACHE_ALIAS": "shared"}
    try:
        caches["shared"].get("ping")
    except Exception as error:  # pragma: no cover - depends on the machine
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    yield prefix
    client = caches["shared"]._cache.get_client()
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_save_in_one_process_reaches_another_process(shared_cache):
    # Both processes commit and read the test database for real, so the test starts from the
    # migrated rows (serialized_rollback) whatever transactional test ran before it.
    admin, web = WebProcess(shared_cache), WebProcess(shared_cache)
    try:
        assert len({os.getpid(), admin.pid, web.pid}) == 3
        admin.send(save={"ga4_enabled": True, "ga4_measurement_id": "G-FIRST00001"})
        cold = web.render()
        assert "G-FIRST00001" in cold["head"]
        assert cold["queries"] > 0
        warm = web.render()
        assert (warm["head"], warm["queries"]) == (cold["head"], 0)
        assert warm["cache_calls"] > 0  # CACHE_LOCAL_SECONDS=0: the shared cache every time

        admin.send(save={"ga4_measurement_id": "G-SECOND0002"})  # nothing tells the web process

        after = web.render()
        assert "G-SECOND0002" in after["head"]
        assert "G-FIRST00001" not in after["head"]
        assert web.render()["queries"] == 0
    finally:
        admin.send(delete=True)
        admin.stop()
        web.stop()
    assert web.process.returncode == admin.process.returncode == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_warm_page_makes_no_round_trip_and_a_save_arrives_within_the_bound(shared_cache):
    bound = 1.5  # CACHE_LOCAL_SECONDS of the web process
    admin, web = WebProcess(shared_cache), WebProcess(shared_cache, local_seconds=bound)
    try:
        admin.send(save={"ga4_enabled": True, "ga4_measurement_id": "G-FIRST00001"})
        deadline = time.monotonic() + 2 * bound
        while web.render()["cache_calls"] and time.monotonic() < deadline:
            pass  # the first renders fill this process's copy
        warm = web.render()
        assert "G-FIRST00001" in warm["head"]
        assert warm["queries"] == warm["cache_calls"] == 0

        admin.send(save={"ga4_measurement_id": "G-SECOND0002"})
        saved_at = time.monotonic()
        while "G-SECOND0002" not in web.render()["head"]:
            assert time.monotonic() - saved_at <= bound + 0.5, "stale beyond the bound"
            time.sleep(0.05)
    finally:
        admin.send(delete=True)
        admin.stop()
        web.stop()
    assert web.process.returncode == admin.process.returncode == 0
