"""Settings of bench/consent_beacon.py: the usage bench's, whatever the database."""

from bench.usage_settings import *  # noqa: F403


if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {}  # noqa: F405  (the SQLite pragmas only)
ROOT_URLCONF = "bench.consent_urls"
