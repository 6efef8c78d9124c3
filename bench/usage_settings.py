"""Sandbox settings for bench/usage_serve.py; the counting mode comes from the environment."""

import os

from sandbox.settings import *  # noqa: F403


DEBUG = False
# SQLite as a production site should run it: write-ahead log, fsync at checkpoints only, and
# write transactions that take the lock at once (no upgrade deadlocks between processes).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
# Persistent connections unless the bench asks otherwise (--conn-max-age 0): with a new SQLite
# connection per request, closing the last one checkpoints the write-ahead log every time.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("WT_BENCH_CONN_MAX_AGE", "600"))  # noqa: F405
MODE = os.environ.get("WT_BENCH_USAGE_MODE", "off")
WAGTAIL_TRACKING = {
    "USAGE_ENABLED": MODE != "off",
    "USAGE_STORAGE": "cache" if MODE == "cache" else "database",
    "USAGE_CACHE_ALIAS": "usage",
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "usage": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("WT_BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
        "KEY_PREFIX": "wt-bench",
    },
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
