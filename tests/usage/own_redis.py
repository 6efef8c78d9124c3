"""A Redis server of the test's own, on loopback, that the test may kill and restart.

Never the shared server: killing or reconfiguring it would break other test runs.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest


REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """``start()``, ``kill()`` (SIGKILL, as a crash), ``start()`` again on the same port and
    directory: with ``appendonly yes`` and ``appendfsync always`` it reloads what it had."""

    def __init__(self, *arguments: str) -> None:
        self.port = free_port()
        self.directory = tempfile.mkdtemp(prefix="wt-redis-")
        self.arguments = arguments
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                self.directory,
                "--save",
                "",
                *self.arguments,
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(200):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        self.kill()
        shutil.rmtree(self.directory, ignore_errors=True)


@contextlib.contextmanager
def own_redis(*arguments: str):
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = OwnRedis(*arguments)
    server.start()
    try:
        yield server
    finally:
        server.stop()
