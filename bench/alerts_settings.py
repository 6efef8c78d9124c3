"""Settings for bench/alerts_publish.py: the test settings, on a SQLite file of its own."""

import os

from tests.settings import *  # noqa: F403
from tests.settings import BASE_DIR, DATABASES


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = os.path.join(BASE_DIR, "build", "bench-alerts.sqlite3")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": True}
