"""Settings for bench/activity_publish.py: the test settings plus django-auditlog (the peer)."""

import os

from tests.settings import *  # noqa: F403
from tests.settings import BASE_DIR, DATABASES, INSTALLED_APPS, MIDDLEWARE


INSTALLED_APPS = [*INSTALLED_APPS, "auditlog"]
MIDDLEWARE = [*MIDDLEWARE, "auditlog.middleware.AuditlogMiddleware"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = os.path.join(BASE_DIR, "build", "bench-activity.sqlite3")
LOGGING = {"version": 1, "disable_existing_loggers": True}
