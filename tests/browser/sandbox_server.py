"""The sandbox as ``make sandbox`` serves it, for browser tests that walk its demo.

Its own settings (``sandbox.settings``), migrated and filled by ``load_demo_data`` on a throw-away
SQLite database, served by ``runserver``; tests read what it stored straight from that database.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.browser.utils import free_port, wait_until_listening


ROOT = Path(__file__).resolve().parents[2]


class SandboxServer:
    def __init__(self, workdir: Path):
        self.database = workdir / "sandbox.sqlite3"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "sandbox")]),
            "DJANGO_SETTINGS_MODULE": "sandbox.settings",
            "DATABASE_URL": f"sqlite:///{self.database}",
            "SANDBOX_MEDIA_ROOT": str(workdir / "media"),
        }
        self.process: subprocess.Popen | None = None

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            env=self.env,
            cwd=ROOT / "sandbox",
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> None:
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_demo_data")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            env=self.env,
            cwd=ROOT / "sandbox",
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_listening(self.port, 60, "the sandbox")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)

    def query(self, sql: str, *params) -> list[tuple]:
        with sqlite3.connect(self.database, timeout=10) as connection:
            return connection.execute(sql, params).fetchall()

    def consent_counts(self) -> dict[str, int]:
        """Every consent counter summed over the days: ``{"event" or "event:tool": n}``."""
        rows = self.query(
            "SELECT event, tool, SUM(count) FROM wagtail_tracking_consentcount GROUP BY event, tool"
        )
        return {f"{event}:{tool}".rstrip(":"): n for event, tool, n in rows}

    def receipts_after(self, last_pk: int) -> list[dict]:
        rows = self.query(
            "SELECT id, receipt_id, action, changed, choices FROM wagtail_tracking_consentreceipt "
            "WHERE id > ? ORDER BY id",
            last_pk,
        )
        return [
            {"pk": pk, "id": rid, "action": action, "changed": bool(changed), "choices": choices}
            for pk, rid, action, changed, choices in rows
        ]

    def last_receipt_pk(self) -> int:
        return self.query("SELECT COALESCE(MAX(id), 0) FROM wagtail_tracking_consentreceipt")[0][0]

    def set_admin_profile(self, **fields: str) -> None:
        """The sandbox admin's language and theme (Wagtail's account preferences)."""
        code = (
            "from django.contrib.auth import get_user_model\n"
            "from wagtail.users.models import UserProfile\n"
            "p = UserProfile.get_for_user(get_user_model().objects.get(username='admin'))\n"
            + "".join(f"p.{name} = {value!r}\n" for name, value in fields.items())
            + "p.save()\n"
        )
        self.manage("shell", "-c", code)
