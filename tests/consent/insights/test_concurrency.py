"""Two real server processes receive beacons at once: the stored counts and receipts equal what
was sent, in the database mode and in the cache mode with flushes running during the traffic."""

import http.client
import json
import threading
import time

import pytest
from django.db import connections

from tests.usage.test_concurrency import start_worker
from wagtail_tracking.consent.insights.buffer import flush_consent_buffer
from wagtail_tracking.models import ConsentCount, ConsentReceipt

from .conftest import BROWSER, GA4, MATOMO, choice, page_config


PER_CLIENT = 20
CACHE_MODE = {
    "USAGE_STORAGE": "cache",
    "USAGE_CACHE_ALIAS": "usage_redis",
    "USAGE_BUFFER_WINDOW": 1,
    "USAGE_BUFFER_TIMEOUT": 600,
}


def post(port, bodies, statuses):
    for body in bodies:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {
            "Host": "localhost",
            "Origin": "http://localhost",
            "User-Agent": BROWSER,
            "Content-Type": "text/plain",
        }
        conn.request("POST", "/wagtail-tracking/consent/", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        statuses.append(response.status)
        conn.close()


def traffic(tracking, banner, during=None):
    workers = [start_worker(tracking) for _ in range(2)]
    statuses = []
    threads = []
    try:
        for w, (_process, port) in enumerate(workers):
            for t in range(2):
                bodies = [
                    json.dumps(choice(banner, receipt=f"{w}{t}{i:030x}")) for i in range(PER_CLIENT)
                ]
                bodies.append(bodies[0])  # a replay: counted once
                threads.append(threading.Thread(target=post, args=(port, bodies, statuses)))
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
    assert set(statuses) == {204}
    return 4 * PER_CLIENT


def check(sent):
    assert ConsentReceipt.objects.count() == sent
    assert ConsentCount.objects.get(event="accept").count == sent
    assert ConsentCount.objects.get(event="tool_yes", tool="ga4").count == sent


@pytest.fixture
def banner(configure):
    configure(**GA4, **MATOMO)
    return page_config()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_mode_two_processes(banner):
    check(traffic({"USAGE_STORAGE": "database"}, banner))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_cache_mode_two_processes_with_concurrent_flushes(banner, settings):
    settings.WAGTAIL_TRACKING = CACHE_MODE
    flush_consent_buffer(include_open=True)
    ConsentReceipt.objects.all().delete()
    ConsentCount.objects.all().delete()

    def flush_while_serving(threads):
        def flusher():
            try:
                while any(thread.is_alive() for thread in threads):
                    flush_consent_buffer()
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

    sent = traffic(CACHE_MODE, banner, during=flush_while_serving)
    time.sleep(2.1)
    flush_consent_buffer()
    check(sent)
