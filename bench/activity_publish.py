"""Publishing a page through the admin: activity capture on, off, and django-auditlog instead.

    make bench-activity                    # SQLite (a file in build/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_activity_bench make bench-activity

Each round publishes the same page once per mode, in turn, with Django's test client (the
admin's edit view, "Publish" button): the modes see the same database state and the same
machine noise. django-auditlog is registered on the models a publish writes (the page, its
specific type and its revision), the way a project would add it to get a comparable history.
Prints, per mode, the median elapsed time and the median CPU time of this process (steadier
when other processes share the machine; with SQLite the database work is in this process too),
their ratios to capture off, and the queries of one publish.
"""

import argparse
import os
import statistics
import sys
import time


sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.activity_settings")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from auditlog.registry import auditlog
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from wagtail.models import Page, Revision, Site
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    from tests.testapp.models import ContentPage
    from wagtail_tracking.activity import disable_activity_capture
    from wagtail_tracking.models import ActivityEvent

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    User = get_user_model()
    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "bench@example.com", "x"
    )
    root = Page.get_first_root_node()
    page = ContentPage.objects.filter(slug="bench-page").first()
    if page is None:
        home = root.add_child(instance=ContentPage(title="Bench home", slug="bench-home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
        page = home.add_child(instance=ContentPage(title="Bench page", slug="bench-page"))
        page.save_revision(user=admin).publish(user=admin)

    client = Client()
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    audited = [Page, ContentPage, Revision]

    def publish(n):
        data = nested_form_data(
            {
                "title": "Bench page",
                "slug": "bench-page",
                "body": rich_text(f"<p>Version {n}</p>"),
                "comments": inline_formset([]),
                "action-publish": "publish",
            }
        )
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.post(url, data)
        elapsed = (time.perf_counter() - started, time.process_time() - started_cpu)
        assert response.status_code == 302, response.status_code
        return elapsed

    def capture_off(n):
        with disable_activity_capture():
            return publish(n)

    def capture_on(n):
        return publish(n)

    def with_auditlog(n):
        for model in audited:
            auditlog.register(model)
        try:
            with disable_activity_capture():
                return publish(n)
        finally:
            for model in audited:
                auditlog.unregister(model)

    modes = {
        "capture off": capture_off,
        "capture on": capture_on,
        "django-auditlog": with_auditlog,
    }
    timings = {name: [] for name in modes}
    events_before = ActivityEvent.objects.count()
    n = 0
    for round_index in range(args.warmup + args.rounds):
        # Rotate the order each round, so no mode always runs first.
        names = list(modes)
        names = names[round_index % len(names) :] + names[: round_index % len(names)]
        for name in names:
            n += 1
            elapsed = modes[name](n)
            if round_index >= args.warmup:
                timings[name].append(elapsed)
    events = ActivityEvent.objects.count() - events_before
    from django.test.utils import CaptureQueriesContext

    queries = {}
    for name, mode in modes.items():
        n += 1
        with CaptureQueriesContext(connection) as captured:
            mode(n)
        queries[name] = len(captured)

    def medians(name):
        wall = [w for w, _ in timings[name]]
        cpu = [c for _, c in timings[name]]
        return statistics.median(wall), statistics.quantiles(wall, n=10)[-1], statistics.median(cpu)

    off_wall, _, off_cpu = medians("capture off")
    print(f"Publishing a page through the admin, {args.rounds} rounds ({connection.vendor})")
    print(
        f"{'mode':<18}{'wall ms':>9}{'p90 ms':>9}{'ratio':>8}"
        f"{'CPU ms':>9}{'ratio':>8}{'queries':>9}"
    )
    for name in timings:
        wall, p90, cpu = medians(name)
        print(
            f"{name:<18}{wall * 1000:>9.1f}{p90 * 1000:>9.1f}{wall / off_wall:>8.3f}"
            f"{cpu * 1000:>9.1f}{cpu / off_cpu:>8.3f}{queries[name]:>9}"
        )
    print("wall: elapsed time; CPU: this process's CPU time (steadier on a busy machine).")
    print(
        f"activity events written with capture on: {events} ({events / (args.warmup + args.rounds):.0f} per publish)"
    )


if __name__ == "__main__":
    main()
