"""A second web process for the two-process cache test: renders the tags on request.

Reads one JSON command per line on stdin and answers one JSON line:
``{"render": host}`` renders the head tag (answer: the HTML, the number of queries it made and
of calls to the shared cache),
``{"save": {field: value}}`` saves the default site's tracker settings as the admin would, and
``{"delete": true}`` removes them. Configured through environment variables by
``test_cache_processes.py``; not a test module itself.
"""

import importlib
import json
import os
import sys


def answer(value):
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def count_cache_calls(cache) -> list:
    """Record each call this process makes to the shared cache (each is a Redis round trip)."""
    calls: list = []
    for name in ("get", "get_many", "set", "set_many", "add", "delete"):
        method = getattr(cache, name)

        def counted(*args, _method=method, _name=name, **kwargs):
            calls.append(_name)
            return _method(*args, **kwargs)

        setattr(cache, name, counted)
    return calls


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    settings = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])

    settings.DATABASES["default"]["NAME"] = os.environ["WT_DB_NAME"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["WT_REDIS_URL"],
            "KEY_PREFIX": os.environ["WT_KEY_PREFIX"],
        },
    }
    settings.WAGTAIL_TRACKING = {
        "CACHE_ALIAS": "shared",
        "CACHE_LOCAL_SECONDS": float(os.environ.get("WT_LOCAL_SECONDS", "0")),
    }

    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.template import Context, Template
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    template = Template("{% load wagtail_tracking_tags %}{% tracking_head %}")
    calls = count_cache_calls(caches["shared"])
    answer({"ready": os.getpid()})
    from wagtail.models import Site

    from tests.providers.utils import save_settings
    from wagtail_tracking.models import TrackingProviderSettings

    for line in sys.stdin:
        command = json.loads(line)
        if "render" in command:
            request = RequestFactory().get("/", HTTP_HOST=command["render"])
            calls.clear()
            with CaptureQueriesContext(connection) as queries:
                head = template.render(Context({"request": request}))
            result = {"head": head, "queries": len(queries), "cache_calls": len(calls)}
        elif "save" in command:
            instance = save_settings(Site.objects.get(is_default_site=True), command["save"])
            result = {"saved": instance.pk}
        else:
            TrackingProviderSettings.objects.all().delete()
            result = {"deleted": True}
        answer(result)


if __name__ == "__main__":
    main()
