import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import PageViewRestriction

from wagtail_tracking.usage.hits import day_for_site, referring_domain
from wagtail_tracking.usage.models import Audience, UsageCount

from .conftest import BROWSER, totals


pytestmark = pytest.mark.django_db

ANON, AUTH, ADMIN = Audience.ANONYMOUS, Audience.AUTHENTICATED, Audience.ADMIN


def test_a_visitor_page_view_is_counted_once_per_request(browser, home_page):
    assert browser.get("/").status_code == 200
    browser.get("/")
    objects, referrers = totals()
    assert objects == {("page", home_page.pk, ANON): 2}
    assert referrers == {("page", "direct", ANON): 2}
    row = UsageCount.objects.object_rows().get()
    assert row.site.is_default_site


def test_nothing_identifying_is_stored(browser, home_page):
    browser.get("/", HTTP_REFERER="https://news.example.org/article?id=42&user=bob")
    stored = {str(value) for row in UsageCount.objects.values() for value in row.values()}
    assert "news.example.org" in stored
    assert not any("bob" in value or "article" in value or "Firefox" in value for value in stored)
    assert "127.0.0.1" not in stored


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0 Safari/537.36",
        "curl/8.5.0",
        "",
    ],
)
def test_robots_and_empty_user_agents_are_not_counted(client, home_page, user_agent):
    assert client.get("/", HTTP_USER_AGENT=user_agent).status_code == 200
    assert not UsageCount.objects.exists()


def test_custom_bot_patterns_replace_the_built_in_list(browser, home_page, settings):
    settings.WAGTAIL_TRACKING = {"USAGE_BOT_PATTERNS": [r"firefox"]}
    browser.get("/")
    assert not UsageCount.objects.exists()
    browser.get("/", HTTP_USER_AGENT="Googlebot/2.1")
    assert UsageCount.objects.object_rows().get().count == 1


def test_head_post_and_404_are_not_counted(browser, home_page):
    assert browser.head("/").status_code == 200
    browser.post("/")
    assert browser.get("/no-such-page/").status_code == 404
    assert not UsageCount.objects.exists()


def test_previews_and_admin_are_not_counted(admin_client, home_page):
    admin_client.defaults["HTTP_USER_AGENT"] = BROWSER
    assert (
        admin_client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk])).status_code == 200
    )
    url = reverse("wagtailadmin_pages:view_draft", args=[home_page.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(reverse("wagtailadmin_home")).status_code == 200
    assert not UsageCount.objects.exists()


def test_private_page_login_redirect_is_not_counted(browser, home_page):
    PageViewRestriction.objects.create(page=home_page, restriction_type="login")
    assert browser.get("/").status_code == 302
    assert not UsageCount.objects.exists()


def test_password_form_is_not_a_page_view(browser, home_page):
    PageViewRestriction.objects.create(page=home_page, restriction_type="password", password="x")
    assert browser.get("/").status_code == 200  # the password form
    assert not UsageCount.objects.exists()


def test_audiences(browser, home_page, django_user_model, editor):
    visitor = django_user_model.objects.create_user(username="reader", password="password")
    browser.get("/")
    browser.force_login(visitor)
    browser.get("/")
    browser.force_login(editor)
    browser.get("/")
    browser.get("/")
    objects, _ = totals()
    assert objects == {
        ("page", home_page.pk, ANON): 1,
        ("page", home_page.pk, AUTH): 1,
        ("page", home_page.pk, ADMIN): 2,
    }


def test_admin_audience_follows_the_access_admin_permission(browser, home_page, django_user_model):
    user = django_user_model.objects.create_user(username="staffer", password="password")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    browser.force_login(user)
    browser.get("/")
    assert UsageCount.objects.object_rows().get().audience == ADMIN


def test_counting_keeps_anonymous_pages_free_of_vary_cookie(browser, home_page, django_user_model):
    response = browser.get("/")
    assert "Cookie" not in response.get("Vary", "")
    user = django_user_model.objects.create_user(username="reader", password="password")
    browser.force_login(user)
    response = browser.get("/")
    assert "Cookie" not in response.get("Vary", "")
    assert UsageCount.objects.object_rows().get(audience=AUTH).count == 1


@pytest.mark.parametrize(
    ("referer", "expected"),
    [
        ("", "direct"),
        ("https://www.Search.example/?q=x", "www.search.example"),
        ("http://localhost/other/", "internal"),  # the default site's hostname
        ("http://testserver/somewhere", "internal"),  # the request's own host
        ("http://other.example:8080/x", "internal"),  # another Wagtail site
        ("android-app://com.google.android.gm/", "com.google.android.gm"),
        ("not a url", "direct"),
        ("http://[::1/", "direct"),
        ("http://<script>/", "direct"),
    ],
)
def test_referring_domains(rf, other_site, referer, expected):
    request = rf.get("/", HTTP_REFERER=referer)
    assert referring_domain(request) == expected


def test_referrer_rows_are_kept_per_domain(browser, home_page):
    browser.get("/", HTTP_REFERER="https://a.example/x")
    browser.get("/", HTTP_REFERER="https://a.example/y")
    browser.get("/", HTTP_REFERER="https://b.example/")
    _, referrers = totals()
    assert referrers == {("page", "a.example", ANON): 2, ("page", "b.example", ANON): 1}


def test_day_boundary_follows_the_site_time_zone(site, settings):
    late_evening_utc = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    # tests.settings: TIME_ZONE = "Europe/Paris", already the 2nd of March there.
    assert day_for_site(site, late_evening_utc) == datetime.date(2026, 3, 2)
    settings.WAGTAIL_TRACKING = {"USAGE_TIME_ZONES": {site.hostname: "America/New_York"}}
    assert day_for_site(site, late_evening_utc) == datetime.date(2026, 3, 1)
    settings.WAGTAIL_TRACKING = {"USAGE_TIME_ZONES": {site.pk: "Asia/Tokyo"}}
    assert day_for_site(site, late_evening_utc) == datetime.date(2026, 3, 2)
    assert zoneinfo.ZoneInfo("Asia/Tokyo")


def test_page_view_is_dated_in_the_site_time_zone(browser, home_page, site, settings, monkeypatch):
    from django.utils import timezone

    instant = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: instant)
    browser.get("/")
    assert UsageCount.objects.object_rows().get().day == datetime.date(2026, 3, 2)


def test_counting_can_be_switched_off(browser, home_page, settings):
    settings.WAGTAIL_TRACKING = {"USAGE_ENABLED": False}
    browser.get("/")
    settings.WAGTAIL_TRACKING = {"ENABLED": False}
    browser.get("/")
    assert not UsageCount.objects.exists()


def test_per_site_counts(browser, home_page, other_site):
    browser.get("/")
    browser.get("/", HTTP_HOST="other.example")
    rows = UsageCount.objects.object_rows()
    assert {(r.site_id, r.object_id) for r in rows} == {
        (home_page.get_site().pk, home_page.pk),
        (other_site.pk, other_site.root_page_id),
    }
