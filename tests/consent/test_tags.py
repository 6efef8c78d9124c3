import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests.providers.utils import save_settings


pytestmark = pytest.mark.django_db


def render(template, context=None, **request_attrs):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    for name, value in request_attrs.items():
        setattr(request, name, value)
    return Template("{% load wagtail_tracking_tags %}" + template).render(
        Context({"request": request, **(context or {})})
    )


def test_consent_link_is_a_hidden_button_until_the_script_finds_a_banner(site):
    html = render("{% tracking_consent_link %}")
    assert html.startswith('<button type="button" class="wagtail-tracking-consent-link"')
    assert 'data-wagtail-tracking-action="open"' in html
    assert " hidden>Cookie settings</button>" in html


def test_consent_link_label_and_class_are_escaped(site):
    html = render('{% tracking_consent_link label "footer-link" %}', {"label": "<b>Privacy</b>"})
    assert "&lt;b&gt;Privacy&lt;/b&gt;" in html
    assert 'class="wagtail-tracking-consent-link footer-link"' in html


def test_consent_link_renders_nothing_in_previews(site):
    assert render("{% tracking_consent_link %}", is_preview=True) == ""


def test_cookie_table_lists_active_trackers_cookies_and_lifetimes(site):
    save_settings(
        site,
        {
            "ga4_enabled": True,
            "ga4_measurement_id": "G-TEST123",
            "matomo_enabled": True,
            "matomo_url": "https://stats.example.com/",
            "matomo_site_id": "3",
            "matomo_consent_mode": "exempt",
        },
    )
    html = render("{% tracking_cookie_table %}")
    assert "<table" in html
    assert "Google Analytics 4" in html
    assert '<code>_ga</code></td><td data-label="Lifetime">2 years</td>' in html
    assert '<code>_pk_id*</code></td><td data-label="Lifetime">13 months</td>' in html
    assert "CNIL exemption" in html
    # The consent cookie's lifetime in the vendors' unit: 395 days are the CNIL's 13 months.
    assert (
        '<code>wagtail_tracking_consent</code></td><td data-label="Lifetime">13 months</td>' in html
    )
    assert "Universal Analytics" not in html


def test_cookie_table_names_each_recipient_and_links_its_privacy_policy(site):
    # CNIL guidance: the visitor is told who receives the data, with the vendor's policy.
    save_settings(site, {"ga4_enabled": True, "ga4_measurement_id": "G-TEST123"})
    html = render("{% tracking_cookie_table %}")
    assert '<th scope="col">Recipient of the data</th>' in html
    assert "Google Ireland Ltd, with Google LLC (United States)" in html
    assert (
        '<a class="wagtail-tracking-privacy-link" href="https://policies.google.com/privacy" '
        'rel="noopener noreferrer" aria-label="Privacy policy of Google Analytics 4">'
        "Privacy policy</a>"
    ) in html
    # Styled wherever it is placed, and scrolling in its own box on a narrow screen.
    assert "wagtail_tracking/css/consent.css" in html
    assert 'class="wagtail-tracking-cookie-table__scroll" role="region" tabindex="0"' in html


def test_every_built_in_tracker_declares_its_recipient_and_privacy_policy():
    from wagtail_tracking.providers import BUILTIN_PROVIDERS

    for provider in BUILTIN_PROVIDERS:
        assert provider.recipient and provider.privacy_policy_url.startswith("https://"), provider


def test_cookie_table_without_trackers(site):
    assert "uses no audience measurement tool" in render("{% tracking_cookie_table %}")


def test_cookie_table_for_another_site_shows_that_sites_trackers(site, other_site):
    save_settings(
        other_site,
        {"umami_enabled": True, "umami_website_id": "94db1cb1-74f4-4a40-ad6c-962362670409"},
    )
    assert "Umami" not in render("{% tracking_cookie_table %}")


def test_cookie_table_without_request_logs_and_renders_nothing(caplog):
    html = Template("{% load wagtail_tracking_tags %}{% tracking_cookie_table %}").render(
        Context({})
    )
    assert html == ""
    assert "no 'request'" in caplog.text
