import logging
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.template import Context, Template
from django.utils.functional import SimpleLazyObject, empty

from tests.providers.conftest import js_file
from wagtail_tracking.models import ProviderScript, TrackingProviderSettings


GA4_AND_MATOMO = {
    "ga4_enabled": True,
    "ga4_measurement_id": "G-ABC123XYZ9",
    "ga4_consent_mode": "consent_mode",
    "matomo_enabled": True,
    "matomo_url": "https://analytics.example.com/",
    "matomo_site_id": "3",
    "matomo_consent_mode": "exempt",
}


def edit_in_database(site, slug, **values):
    """Change stored values behind the form's back, as a database edit would (no signal)."""
    providers = TrackingProviderSettings.objects.get(site=site).providers
    providers[slug]["values"].update(values)
    TrackingProviderSettings.objects.filter(site=site).update(providers=providers)
    cache.clear()


def test_warm_render_makes_no_database_query(configure, render_tags, django_assert_num_queries):
    configure(**GA4_AND_MATOMO)
    cold = render_tags()
    with django_assert_num_queries(0):
        assert render_tags() == cold
    assert "G-ABC123XYZ9" in cold[0]


def test_saving_the_settings_refreshes_the_output(configure, render_tags):
    configure(**GA4_AND_MATOMO)
    assert "G-ABC123XYZ9" in render_tags()[0]
    configure(ga4_measurement_id="G-NEW0000001")
    head, _ = render_tags()
    assert "G-NEW0000001" in head
    assert "G-ABC123XYZ9" not in head


def test_changing_a_site_refreshes_the_output(configure, render_tags, site, other_site):
    configure(target_site=other_site, ga4_enabled=True, ga4_measurement_id="G-OTHER00001")
    assert render_tags(host="www.example.org") == ("", "")  # falls back to the default site
    other_site.hostname = "www.example.org"
    other_site.save()
    assert "G-OTHER00001" in render_tags(host="www.example.org")[0]


def test_each_site_gets_its_own_trackers(configure, render_tags, site, other_site):
    configure(**GA4_AND_MATOMO)
    assert "G-ABC123XYZ9" in render_tags(host="localhost")[0]
    assert render_tags(host="other.example") == ("", "")


def test_output_is_the_same_for_every_visitor(configure, rf, render_tags, editor):
    configure(**GA4_AND_MATOMO)
    anonymous = rf.get("/", HTTP_HOST="localhost", HTTP_COOKIE="_pk_id.3=x; consent=yes")
    anonymous.user = AnonymousUser()
    signed_in = rf.get("/", HTTP_HOST="localhost")
    signed_in.user = editor
    assert render_tags(request=anonymous) == render_tags(request=signed_in) == render_tags()


@pytest.mark.parametrize("style", ["django", "django-csp"])
def test_every_script_carries_the_csp_nonce(configure, rf, render_tags, style):
    configure(**GA4_AND_MATOMO)
    request = rf.get("/", HTTP_HOST="localhost")
    context = {}
    if style == "django":
        context["csp_nonce"] = 'n0nce"><x'
    else:
        request.csp_nonce = 'n0nce"><x'
    html = "\n".join(render_tags(request=request, **context))
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 4
    assert all(s.endswith(' nonce="n0nce&quot;&gt;&lt;x">') for s in scripts)


class LazyNonce(SimpleLazyObject):
    """Falsy until read, like Django 6's ``django.utils.csp.LazyNonce`` and django-csp 4's
    ``CheckableLazyObject``: a test for truth would never read it."""

    def __bool__(self):
        return self._wrapped is not empty


@pytest.mark.parametrize("where", ["context", "request"])
def test_a_lazy_nonce_is_read_not_tested_for_truth(configure, rf, render_tags, where):
    configure(**GA4_AND_MATOMO)
    request = rf.get("/", HTTP_HOST="localhost")
    nonce = LazyNonce(lambda: "lazy-n0nce")
    context = {}
    if where == "context":
        context["csp_nonce"] = nonce  # django.template.context_processors.csp (Django 6)
    else:
        request.csp_nonce = nonce  # django-csp 4's middleware
    assert not nonce
    html = "\n".join(render_tags(request=request, **context))
    assert html.count(' nonce="lazy-n0nce"') == 4
    assert nonce  # read: the middleware now names it in the header


def test_django_6_nonce_without_the_context_processor(configure, rf, render_tags):
    """Django 6's middleware keeps the nonce on the request; ``get_nonce()`` reads it."""
    csp = pytest.importorskip("django.utils.csp", reason="Django 6.0+ has its own CSP support")
    configure(**GA4_AND_MATOMO)
    request = rf.get("/", HTTP_HOST="localhost")
    request._csp_nonce = nonce = csp.LazyNonce()
    html = "\n".join(render_tags(request=request))
    assert nonce
    assert html.count(f' nonce="{nonce}"') == 4


def test_no_nonce_without_a_csp_middleware(configure, rf, render_tags):
    configure(**GA4_AND_MATOMO)
    html = "\n".join(render_tags(request=rf.get("/", HTTP_HOST="localhost"), csp_nonce=None))
    assert " nonce=" not in html


def test_nonce_does_not_leak_into_the_cache(configure, rf, render_tags):
    configure(**GA4_AND_MATOMO)
    render_tags(csp_nonce="first")
    assert "first" not in "".join(render_tags())
    assert 'nonce="second"' in render_tags(csp_nonce="second")[0]


def test_nothing_is_emitted_in_wagtail_preview(configure, rf, render_tags):
    configure(**GA4_AND_MATOMO)
    request = rf.get("/", HTTP_HOST="localhost")
    request.is_preview = True
    assert render_tags(request=request) == ("", "")


def test_editors_can_be_left_out(configure, rf, render_tags, editor, settings):
    configure(**GA4_AND_MATOMO)
    settings.WAGTAIL_TRACKING = {"SKIP_EDITORS": True}
    request = rf.get("/", HTTP_HOST="localhost")
    request.user = editor
    assert render_tags(request=request) == ("", "")
    request.user = AnonymousUser()
    assert "G-ABC123XYZ9" in render_tags(request=request)[0]


def test_developers_can_switch_every_tracker_off(configure, render_tags, settings):
    configure(**GA4_AND_MATOMO)
    settings.WAGTAIL_TRACKING = {"PROVIDERS_ENABLED": False}
    assert render_tags() == ("", "")


def test_developers_can_switch_one_provider_off(configure, render_tags, settings):
    configure(**GA4_AND_MATOMO)
    render_tags()
    settings.WAGTAIL_TRACKING = {"PROVIDERS": {"ga4": {"ENABLED": False}}}
    head, body = render_tags()
    assert "ga4" not in head
    assert "analytics.example.com" in head


def test_a_half_configured_provider_is_skipped_with_a_warning(configure, render_tags, site, caplog):
    configure(**GA4_AND_MATOMO)
    # Edited in the database, bypassing the form: the tags must not trust it.
    edit_in_database(site, "ga4", measurement_id='G-1"></script><i>')
    with caplog.at_level(logging.WARNING, logger="wagtail_tracking"):
        head, body = render_tags()
    assert "</script><i>" not in head
    assert "ga4" not in head
    assert "analytics.example.com" in head
    assert "ga4 is enabled for site 'Main [default]' but misconfigured" in caplog.text


def test_a_provider_switched_on_without_its_id_is_skipped(configure, render_tags, site, caplog):
    configure(**GA4_AND_MATOMO)
    edit_in_database(site, "matomo", site_id="")
    with caplog.at_level(logging.WARNING, logger="wagtail_tracking"):
        head, _ = render_tags()
    assert "matomo" not in head
    assert "missing site_id" in caplog.text


def test_a_site_without_settings_emits_nothing_and_creates_no_row(render_tags, site):
    assert render_tags() == ("", "")
    assert not TrackingProviderSettings.objects.exists()


def test_rendering_errors_never_break_the_page(configure, render_tags, caplog, monkeypatch):
    configure(**GA4_AND_MATOMO)

    def broken(request):
        raise RuntimeError("cache down")

    monkeypatch.setattr("wagtail_tracking.output.render.get_site_output", broken)
    with caplog.at_level(logging.ERROR, logger="wagtail_tracking"):
        assert render_tags() == ("", "")
    assert "could not render the head trackers" in caplog.text


def test_served_wagtail_page_carries_the_trackers_with_the_responses_nonce(configure, client):
    configure(**GA4_AND_MATOMO)
    response = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    head, body = response.content.decode().split("</head>")
    assert f'<script id="wagtail-tracking-config" type="application/json" nonce="{nonce}">' in head
    assert "googletagmanager.com/gtag/js?id=G-ABC123XYZ9" in head
    scripts = re.findall(r"<script[^>]*>", head + body)
    assert len(scripts) == 4
    assert all(f'nonce="{nonce}"' in script for script in scripts)


def test_wagtail_preview_of_a_page_has_no_trackers(configure, admin_client, home_page):
    configure(**GA4_AND_MATOMO)
    response = admin_client.get(f"/admin/pages/{home_page.pk}/view_draft/")
    assert response.status_code == 200
    assert b"wagtail-tracking" not in response.content


def test_tags_need_no_request_attribute_beyond_host(configure):
    configure(**GA4_AND_MATOMO)
    html = Template("{% load wagtail_tracking_tags %}{% tracking_head %}").render(Context({}))
    assert html == ""


@pytest.mark.parametrize(
    "edit",
    [
        {"values": {"url": "https://analytics.example.com/", "site_id": 3}},  # not text
        {"values": {"url": "https://analytics.example.com/", "disable_cookies": "yes"}},
        {"values": "https://analytics.example.com/"},  # not a dict of values
        {"consent_mode": "consent_mode"},  # not a mode Matomo offers
    ],
)
def test_settings_of_the_wrong_shape_in_the_database_are_skipped(
    configure, render_tags, site, caplog, edit
):
    configure(**GA4_AND_MATOMO)
    providers = TrackingProviderSettings.objects.get(site=site).providers
    providers["matomo"].update(edit)
    TrackingProviderSettings.objects.filter(site=site).update(providers=providers)
    cache.clear()
    with caplog.at_level(logging.WARNING, logger="wagtail_tracking"):
        head, _ = render_tags()
    assert "matomo" not in head
    assert "G-ABC123XYZ9" in head
    assert "matomo is enabled for site 'Main [default]' but misconfigured" in caplog.text


def test_removing_an_uploaded_script_refreshes_the_output(configure, render_tags):
    configure(
        eulerian_enabled=True,
        eulerian_domain="et1.eulerian.net",
        eulerian_script=js_file("ea.localpix.js"),
        eulerian_consent_mode="none",
    )
    assert "ea.localpix.js" in render_tags()[0]
    ProviderScript.objects.get().delete()  # the script alone, not the settings
    assert "ea.localpix.js" not in render_tags()[0]
    assert '"localScript":false' in render_tags()[0]
