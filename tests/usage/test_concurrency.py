"""Two real server processes count concurrently into one database or one Redis: no hit is lost
or doubled, including while flushes run (twice at once) during the traffic."""

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from wagtail_tracking.models import UsageCount
from wagtail_tracking.usage.buffer import flush_usage_buffer

from .conftest import BROWSER


ROOT = Path(__file__).resolve().parents[2]
PAGE_HITS_PER_CLIENT = 25
DOCUMENT_HITS_PER_CLIENT = 10
CACHE_MODE = {
    "USAGE_STORAGE": "cache",
    "USAGE_CACHE_ALIAS": "usage_redis",
    "USAGE_BUFFER_WINDOW": 1,
    "USAGE_BUFFER_TIMEOUT": 600,
}


def start_worker(tracking: dict) -> tuple[subprocess.Popen, int]:
    env = {
        **os.environ,
        "WT_TEST_DB_NAME": str(connection.settings_dict["NAME"]),
        "WT_TRACKING_JSON": json.dumps(tracking),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.usage.http_worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    port = int(process.stdout.readline())
    return process, port


def hammer(port: int, paths: list[str], statuses: list[int]) -> None:
    for path in paths:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers={"Host": "localhost", "User-Agent": BROWSER})
        response = conn.getresponse()
        response.read()
        statuses.append(response.status)
        conn.close()


def run_traffic(tracking: dict, home_page, document, during=None) -> dict[str, int]:
    workers = [start_worker(tracking) for _ in range(2)]
    statuses = {"page": [], "document": []}
    try:
        threads = []
        for _process, port in workers:
            for kind, path, n in (
                ("page", "/", PAGE_HITS_PER_CLIENT),
                ("document", document.url, DOCUMENT_HITS_PER_CLIENT),
            ):
                threads.append(
                    threading.Thread(target=hammer, args=(port, [path] * n, statuses[kind]))
                )
        for thread in threads:
            thread.start()
        if during:
            during(threads)
        for thread in threads:
            thread.join(timeout=120)
    finally:
        for process, _port in workers:
            process.terminate()
            process.wait(timeout=10)
    assert set(statuses["page"]) == {200} and set(statuses["document"]) == {200}
    return {kind: len(codes) for kind, codes in statuses.items()}


def stored_totals() -> dict[str, int]:
    totals = {}
    for row in UsageCount.objects.object_rows():
        totals[row.kind] = totals.get(row.kind, 0) + row.count
    referrers = sum(UsageCount.objects.referrer_rows().values_list("count", flat=True))
    totals["referrer rows"] = referrers
    return totals


def expected(sent: dict[str, int]) -> dict[str, int]:
    return {**sent, "referrer rows": sum(sent.values())}


@pytest.fixture
def served(home_page):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    Document = get_document_model()
    document = Document(title="Concurrent")
    document.file.save("concurrent.txt", ContentFile(b"x" * 100), save=False)
    document.save()
    yield home_page, document
    document.file.delete(save=False)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_mode_two_processes(served):
    home_page, document = served
    sent = run_traffic({"USAGE_STORAGE": "database"}, home_page, document)
    assert sent == {"page": 50, "document": 20}
    assert stored_totals() == expected(sent)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_cache_mode_two_processes_with_concurrent_flushes(served, settings):
    home_page, document = served
    settings.WAGTAIL_TRACKING = CACHE_MODE
    flush_usage_buffer(include_open=True)  # leftovers of an interrupted run
    UsageCount.objects.all().delete()

    def flush_while_serving(threads):
        def flusher():
            try:
                while any(thread.is_alive() for thread in threads):
                    flush_usage_buffer()
                    time.sleep(0.2)
            finally:
                connections.close_all()

        flushers = [threading.Thread(target=flusher) for _ in range(2)]
        for thread in flushers:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        for thread in flushers:
            thread.join(timeout=120)

    sent = run_traffic(CACHE_MODE, home_page, document, during=flush_while_serving)
    time.sleep(2.1)  # let the last windows close, then flush them the normal way
    flush_usage_buffer()
    assert stored_totals() == expected(sent)
