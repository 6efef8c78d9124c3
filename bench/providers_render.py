"""Benchmark: {% tracking_head %}{% tracking_body %} against django-analytical's tags.

Both render GA4 (G-ABC123XYZ9) and Matomo (https://analytics.example.com/, site 3) in the same
process, from the same template engine and request. Prints the median time per page render of
each, their ratio (target: <= 1.0), and the number of database queries of a warm render
(target: 0). Run with ``make bench-providers`` (or ``python bench/providers_render.py``;
``--cache redis`` measures with Django's Redis cache on redis://127.0.0.1:6379/1, where the
target is <= 1.2 and 0 cache round trips on a warm page; ``--local-seconds 0`` switches off the
per-process copy to show what each round trip costs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import timeit
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'build' / 'bench.sqlite3'}")


def configure(cache: str, local_seconds: float | None) -> None:
    from tests import settings

    if local_seconds is not None:
        settings.WAGTAIL_TRACKING = {"CACHE_LOCAL_SECONDS": local_seconds}
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "analytical"]
    settings.GOOGLE_ANALYTICS_GTAG_PROPERTY_ID = "G-ABC123XYZ9"
    settings.MATOMO_DOMAIN_PATH = "analytics.example.com"
    settings.MATOMO_SITE_ID = "3"
    if cache == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"),
                "KEY_PREFIX": "wt-providers-bench",
            }
        }


def cache_round_trips(cache, template, context) -> int:
    """Calls to the cache during one warm page view (each one a round trip with Redis)."""
    calls = []
    names = ("get", "get_many", "set", "set_many", "add")
    originals = {name: getattr(cache, name) for name in names}
    for name, method in originals.items():
        setattr(cache, name, lambda *a, _m=method, **k: calls.append(1) or _m(*a, **k))
    try:
        context["request"].__dict__.pop("_wagtail_tracking_output", None)
        template.render(context)
    finally:
        for name in names:
            delattr(cache, name)
    return len(calls)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", choices=["locmem", "redis"], default="locmem")
    parser.add_argument("--number", type=int, default=2000, help="renders per sample")
    parser.add_argument("--repeat", type=int, default=31, help="samples per contender")
    parser.add_argument("--local-seconds", type=float, help="CACHE_LOCAL_SECONDS (default: 5)")
    args = parser.parse_args()
    (ROOT / "build").mkdir(exist_ok=True)
    configure(args.cache, args.local_seconds)

    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.template import Context, Template
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from wagtail_tracking.models import TrackingProviderSettings

    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    tracking = TrackingProviderSettings.for_site(site)
    tracking.update_provider(
        "ga4", enabled=True, consent_mode="none", values={"measurement_id": "G-ABC123XYZ9"}
    )
    tracking.update_provider(
        "matomo",
        enabled=True,
        consent_mode="none",
        values={"url": "https://analytics.example.com/", "site_id": "3"},
    )
    tracking.full_clean()
    tracking.save()

    contenders = {
        "wagtail-tracking": Template(
            "{% load wagtail_tracking_tags %}{% tracking_head %}{% tracking_body %}"
        ),
        "django-analytical": Template(
            "{% load analytical %}{% analytical_head_top %}{% analytical_head_bottom %}"
            "{% analytical_body_top %}{% analytical_body_bottom %}"
        ),
    }
    request = RequestFactory().get("/", HTTP_HOST=f"{site.hostname}:{site.port}")
    context = Context({"request": request})

    outputs = {}
    for name, template in contenders.items():
        template.render(context)  # warm up (fills the cache)
        with CaptureQueriesContext(connection) as queries:
            outputs[name] = template.render(context)
        print(f"{name}: {len(queries)} queries per warm render, {len(outputs[name])} bytes")
        assert "G-ABC123XYZ9" in outputs[name] and "analytics.example.com" in outputs[name]
    with CaptureQueriesContext(connection) as queries:
        contenders["wagtail-tracking"].render(context)
    assert len(queries) == 0, "wagtail-tracking must not query the database once warm"
    round_trips = cache_round_trips(caches["default"], contenders["wagtail-tracking"], context)
    print(f"wagtail-tracking: {round_trips} cache round trips per warm render")

    def page_view(template):
        # Each page view is a new request: forget what the previous render kept on it.
        request.__dict__.pop("_wagtail_tracking_output", None)
        return template.render(context)

    samples = {name: [] for name in contenders}
    for _ in range(args.repeat):  # interleaved, so neither contender gets the quieter moments
        for name, template in contenders.items():
            seconds = timeit.timeit(lambda t=template: page_view(t), number=args.number)
            samples[name].append(seconds / args.number * 1e6)
    ours = statistics.median(samples["wagtail-tracking"])
    theirs = statistics.median(samples["django-analytical"])
    print(f"cache backend: {args.cache}")
    print(f"wagtail-tracking  median {ours:8.2f} µs per render")
    print(f"django-analytical median {theirs:8.2f} µs per render")
    low = min(samples["wagtail-tracking"]), max(samples["wagtail-tracking"])
    print(f"wagtail-tracking range {low[0]:.2f}–{low[1]:.2f} µs")
    target = "1.2" if args.cache == "redis" else "1.0"
    print(f"ratio wagtail-tracking / django-analytical: {ours / theirs:.2f} (target <= {target})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
