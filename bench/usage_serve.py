"""Throughput of a sandbox page with usage counting off, on (database mode) and on (cache mode).

    make bench-usage            # or: .venv/bin/python bench/usage_serve.py --seconds 8 --rounds 3
    make bench-usage BENCH_ARGS="--postgres postgres://postgres@127.0.0.1:5432/wt_usage_bench"

Each mode runs in gunicorn (``--workers`` sync workers, 4 by default, 127.0.0.1) on a fresh
copy of the sandbox with its demo data (SQLite, or a PostgreSQL database per mode with
``--postgres``); Redis (``WT_BENCH_REDIS_URL``) holds the cache mode's counters; a Python load generator (``--clients`` threads, one connection per
request like a browser without keep-alive to a sync worker) requests the home page for
``--seconds``. Modes are interleaved over ``--rounds`` rounds so that machine noise hits each
mode alike; the script prints every round, the median requests per second of each mode and
its ratio to "off". It also checks that every request was counted.

Throughput on a shared 2-core machine swings between rounds, so the script also reads the
worker's own CPU time per request from ``/proc`` (Linux): what counting costs the server,
whatever else the machine is doing. With two or more CPUs the worker runs on one CPU and the
load generator on another (``--no-pin`` to let the scheduler decide).
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
SANDBOX = ROOT / "sandbox"
MODES = ("off", "database", "cache")
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(database: Path | str, mode: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database if isinstance(database, str) else f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "bench.usage_settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{SANDBOX}",
        "WT_BENCH_USAGE_MODE": mode,
    }


def manage(database: Path | str, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=environment(database, "off"),
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def wait_until_up(port: int, timeout: float = 120) -> None:
    """Wait for the first response. A connection the master accepted is waited for, not
    abandoned: a worker would still serve (and count) it after a client-side timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            request(port, "/", timeout=max(deadline - time.monotonic(), 1))
            return
        except (ConnectionRefusedError, ConnectionResetError):  # not listening, or restarting
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def request(port: int, path: str, timeout: float = 10) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", path, headers={"Host": "127.0.0.1", "User-Agent": USER_AGENT})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def load(port: int, seconds: float, clients: int) -> tuple[float, int]:
    done = [0] * clients
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def client(index):
        while time.monotonic() < stop:
            if request(port, "/") == 200:
                done[index] += 1
            else:
                errors[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if sum(errors):
        raise RuntimeError(f"{sum(errors)} requests failed")
    return sum(done) / elapsed, sum(done)


def worker_cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) used so far by the gunicorn master's worker processes."""
    total = 0
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def postgres_database(base_url: str, suffix: str, template: str | None = None) -> str:
    """A new, empty (or copied from ``template``'s database) PostgreSQL database; its URL."""
    import psycopg

    server, base = base_url.rsplit("/", 1)
    name = f"{base}_{suffix}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    return f"{server}/{name}"


def pin_to(cpu: int | None):
    if cpu is None:
        return None
    return lambda: os.sched_setaffinity(0, {cpu})


def served_home_pages(access_log: Path) -> int:
    """The home page responses gunicorn sent (its access log): what the counters must hold."""
    return sum(1 for line in access_log.read_text().splitlines() if '"GET / HTTP/1.1" 200' in line)


def serve_and_measure(
    database: Path | str, mode: str, args, access_log: Path
) -> tuple[float, int, int, float]:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sandbox.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "--access-logfile",
            str(access_log),
            "--graceful-timeout",
            "5",
            "--env",
            "DJANGO_SETTINGS_MODULE=bench.usage_settings",
        ],
        env=environment(database, mode),
        cwd=ROOT,
        preexec_fn=pin_to(args.server_cpu),
    )
    try:
        wait_until_up(port)
        _, warmup_requests = load(port, args.warmup, args.clients)
        cpu_before = worker_cpu_seconds(server.pid)
        rps, requests = load(port, args.seconds, args.clients)
        cpu_ms = (worker_cpu_seconds(server.pid) - cpu_before) * 1000 / requests
        return rps, requests, warmup_requests + 1, cpu_ms  # + wait_until_up's request
    finally:
        server.terminate()
        server.wait(timeout=90)


def counted_page_views(database: Path | str) -> int:
    code = (
        "from wagtail_tracking.models import UsageCount;"
        "from django.db.models import Sum;"
        "print(UsageCount.objects.object_rows().filter(kind='page', day__gte=__import__('django.utils.timezone', fromlist=['x']).localdate()).aggregate(n=Sum('count'))['n'] or 0)"
    )
    out = subprocess.run(
        [sys.executable, "-m", "django", "shell", "-c", code],
        env=environment(database, "cache"),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers.")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="A PostgreSQL URL (postgres://…/name) instead of SQLite: one database per mode.",
    )
    parser.add_argument("--no-pin", action="store_true", help="Do not pin server and load to CPUs.")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=600,
        help="Django's CONN_MAX_AGE for the server (0: a new connection per request).",
    )
    args = parser.parse_args()
    os.environ["WT_BENCH_CONN_MAX_AGE"] = str(args.conn_max_age)  # read by usage_settings
    args.server_cpu = None
    cpus = sorted(os.sched_getaffinity(0))
    if not args.no_pin and len(cpus) >= 2:
        args.server_cpu = cpus[-1]
        os.sched_setaffinity(0, {cpus[0]})  # this process: the load generator

    workdir = Path(tempfile.mkdtemp(prefix="wt-bench-usage-"))
    template: Path | str = workdir / "template.sqlite3"
    if args.postgres:
        template = postgres_database(args.postgres, "template")
    print("Preparing the sandbox database (migrate, load_demo_data)…", flush=True)
    manage(template, "migrate", "--noinput")
    manage(template, "load_demo_data")

    results = {mode: [] for mode in MODES}
    cpu = {mode: [] for mode in MODES}
    counted_ok = True
    try:
        for round_number in range(1, args.rounds + 1):
            for mode in MODES:
                database: Path | str = workdir / f"{mode}.sqlite3"
                if args.postgres:
                    database = postgres_database(args.postgres, mode, template=str(template))
                else:
                    shutil.copy(template, database)
                manage(
                    database,
                    "shell",
                    "-c",
                    # Start from nothing: no counters, and no hits left buffered in Redis by an
                    # earlier run (its flush would add them to this round's count).
                    "from wagtail_tracking.models import UsageCount; UsageCount.objects.all().delete();"
                    "from django.core.cache import caches; caches['usage'].clear()",
                )
                access_log = workdir / f"{mode}-{round_number}.log"
                rps, requests, unmeasured, cpu_ms = serve_and_measure(
                    database, mode, args, access_log
                )
                served = served_home_pages(access_log)
                if served != requests + unmeasured:
                    # A request the client gave up on (a timeout while the workers boot) is
                    # still served, and counted, once a worker takes it from the backlog.
                    print(
                        f"  {mode}: the server sent {served}, the clients received "
                        f"{requests + unmeasured}"
                    )
                results[mode].append(rps)
                cpu[mode].append(cpu_ms)
                if mode != "off":
                    if mode == "cache":
                        manage(database, "wagtail_tracking_flush_usage", "--include-open")
                    counted = counted_page_views(database)
                    if counted != served:
                        counted_ok = False
                        print(f"  {mode}: counted {counted}, served {served}")
                print(
                    f"round {round_number}  {mode:<8} {rps:8.1f} req/s  {cpu_ms:6.2f} ms CPU/request"
                    f"  ({requests} requests)",
                    flush=True,
                )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    baseline = statistics.median(results["off"])
    cpu_baseline = statistics.median(cpu["off"])
    print()
    print(
        f"{'mode':<10}{'median req/s':>14}{'vs off':>10}{'loss':>9}{'CPU ms/req':>13}{'vs off':>9}"
    )
    for mode in MODES:
        median = statistics.median(results[mode])
        ratio = median / baseline
        cpu_median = statistics.median(cpu[mode])
        print(
            f"{mode:<10}{median:14.1f}{ratio:10.3f}{(1 - ratio) * 100:8.1f}%"
            f"{cpu_median:13.2f}{cpu_median / cpu_baseline:9.3f}"
        )
    engine = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"{engine}; gunicorn {args.workers} sync workers, {args.clients} clients; "
        f"CONN_MAX_AGE={args.conn_max_age}; server CPU {args.server_cpu}"
    )
    print(f"targets: cache mode (Redis) loss <= 5%; database mode ({engine}) printed")
    if counted_ok:
        print("every request was counted exactly once in both modes")
    else:
        print("WARNING: the page views counted differ from the requests served")


if __name__ == "__main__":
    main()
