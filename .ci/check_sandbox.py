"""Smoke-test the sandbox as a newcomer would use it, on a throw-away SQLite database.

Run through `make sandbox-check`: migrates, loads the demo data twice (it must be idempotent),
then serves both sites' pages, the API and a document, and logs in to the admin.
"""

import os
import sys
import tempfile
from io import StringIO
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


def main():
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/sandbox.sqlite3"
        os.environ["DJANGO_SETTINGS_MODULE"] = "sandbox.settings"
        sys.path.insert(0, str(ROOT / "sandbox"))
        import django
        from django.conf import settings
        from django.core.management import call_command

        django.setup()
        settings.MEDIA_ROOT = Path(tmp) / "media"
        from django.test import Client
        from wagtail.models import Page, Site

        call_command("migrate", verbosity=0)
        out = StringIO()
        call_command("load_demo_data", stdout=out)
        counts = Page.objects.count(), Site.objects.count()
        call_command("load_demo_data", stdout=out)
        assert (Page.objects.count(), Site.objects.count()) == counts, "demo data is not idempotent"
        assert "login admin / changeme" in out.getvalue(), out.getvalue()
        for account in ("admin", "editor", "moderator", "analyst"):
            assert f"    {account} " in out.getvalue(), account

        client = Client()
        for host, title in [
            ("127.0.0.1:8000", "Welcome to the sandbox"),
            ("localhost:8000", "Second site"),
        ]:
            response = client.get("/", HTTP_HOST=host)
            assert response.status_code == 200, (host, response.status_code)
            assert f"<h1>{title}</h1>" in response.text, host
        assert client.get("/api/v2/pages/", HTTP_HOST="127.0.0.1:8000").status_code == 200
        assert (
            client.get("/documents/1/opening-hours.pdf", HTTP_HOST="127.0.0.1:8000").status_code
            == 200
        )
        check_demo_tracker_and_cookie_policy(client)
        assert client.login(username="admin", password="changeme")
        assert client.get("/admin/", HTTP_HOST="127.0.0.1:8000").status_code == 200
        check_tracker_settings(client, Site.objects.get(is_default_site=True))
        check_alerts_and_digest(client, settings)
    print("sandbox check passed")


def check_alerts_and_digest(client, settings):
    """The issue's "done when": three risky actions raise their alerts, e-mailed; the digest goes."""
    from urllib.parse import urlencode

    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.core.management import call_command
    from django.urls import reverse
    from home.models import HomePage
    from wagtail.models import Page

    from wagtail_tracking.alerts.models import Alert

    settings.EMAIL_BACKEND = (
        "django.core.mail.backends.locmem.EmailBackend"  # console in the sandbox
    )
    mail.outbox = []
    host = {"HTTP_HOST": "127.0.0.1:8000"}
    analyst = get_user_model().objects.get(username="analyst")
    response = client.post(
        reverse("wagtailusers_users:edit", args=[analyst.pk]),
        {
            "username": "analyst",
            "email": "analyst@example.com",
            "first_name": "Alice",
            "last_name": "Analyst",
            "is_active": "on",
            "is_superuser": "on",
        },
        **host,
    )
    assert response.status_code == 302, response.status_code
    home = HomePage.objects.get(slug="sandbox-home")
    doomed = [home.add_child(instance=Page(title=f"Old {i}", slug=f"old-{i}")) for i in range(10)]
    query = urlencode({"id": [page.pk for page in doomed]}, doseq=True)
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    assert client.post(f"{bulk}?{query}", {}, **host).status_code == 302
    anonymous = type(client)()
    for _ in range(6):
        anonymous.post(
            reverse("wagtailadmin_login"), {"username": "editor", "password": "wrong"}, **host
        )
    rules = sorted(Alert.objects.values_list("rule", flat=True))
    for rule in ("access_granted", "failed_logins", "mass_removal"):
        assert rule in rules, rules
    assert client.get(reverse("wagtail_tracking_alerts:index"), **host).status_code == 200
    assert len([m for m in mail.outbox if m.subject.startswith("Alert")]) >= 3, mail.outbox
    mail.outbox = []
    out = StringIO()
    call_command("wagtail_tracking_send_digest", stdout=out)
    assert [m.to for m in mail.outbox] == [["admin@example.com"]] * 2, out.getvalue()


def check_demo_tracker_and_cookie_policy(client):
    """The demo tracker sits behind the banner, loads from the sandbox itself, and the cookie
    policy page lists it; the home page lists the demo accounts."""
    home = client.get("/", HTTP_HOST="127.0.0.1:8000").text
    assert 'data-wagtail-tracking="demo_stats"' in home, home
    assert "/static/home/demo-stats.js" in home
    assert 'id="wagtail-tracking-consent"' in home, home  # the consent banner
    assert all(account in home for account in ("admin", "editor", "moderator", "analyst"))
    policy = client.get("/cookies/", HTTP_HOST="127.0.0.1:8000")
    assert policy.status_code == 200, policy.status_code
    assert "demo_stats_id" in policy.text and "Demo statistics (local stub)" in policy.text
    collect = client.post("/demo-stats/collect/", {"url": "/"}, HTTP_HOST="127.0.0.1:8000")
    assert collect.status_code == 204


def check_tracker_settings(client, site):
    """Settings › Tracking has a tab per provider, and a tracker saved there is on the pages."""
    url = f"/admin/settings/wagtail_tracking/trackingprovidersettings/{site.pk}/"
    response = client.get(url, HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200, response.status_code
    assert "Google Analytics 4" in response.text and "Umami" in response.text
    data = {"plausible_enabled": "on", "plausible_script_id": "pa-sandbox-check"}
    response = client.post(url, data, HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 302, response.context["form"].errors
    page = client.get("/", HTTP_HOST="127.0.0.1:8000").text
    assert "https://plausible.io/js/pa-sandbox-check.js" in page, page


if __name__ == "__main__":
    main()
