"""The banner's share of the tags' output: when it appears, what it says, what it hands to the JS."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from wagtail_tracking.consent.banner import ActiveTracker, consent_version, describe
from wagtail_tracking.models import ConsentBannerSettings
from wagtail_tracking.providers import get_providers
from wagtail_tracking.providers.base import ConsentMode


pytestmark = pytest.mark.django_db

TAGS = Template("{% load wagtail_tracking_tags %}{% tracking_head %}\n@@\n{% tracking_body %}")
GA4 = {"ga4_enabled": True, "ga4_measurement_id": "G-TEST123"}
MATOMO = {"matomo_enabled": True, "matomo_url": "https://stats.example.com/", "matomo_site_id": "3"}


@pytest.fixture
def banner_settings(site):
    def update(**fields):
        instance = ConsentBannerSettings.for_site(site)
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
        return instance

    return update


def render(nonce="n0nce"):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    request.csp_nonce = nonce
    head, body = TAGS.render(Context({"request": request})).split("\n@@\n")
    return head, body


def consent_config(head):
    match = re.search(r'<script id="wagtail-tracking-config"[^>]*>(.*?)</script>', head)
    return json.loads(match.group(1)).get("consent")


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({**GA4, "ga4_consent_mode": "require"}, True),
        ({**GA4, "ga4_consent_mode": "consent_mode"}, True),
        ({**GA4, "ga4_consent_mode": "none"}, False),
        ({**MATOMO, "matomo_consent_mode": "exempt"}, True),
        ({"plausible_enabled": True, "plausible_script_id": "pa-TEST123"}, False),
        ({}, False),
    ],
)
def test_banner_only_when_a_tracker_needs_consent(configure, fields, shown):
    configure(**fields)
    head, body = render()
    assert ('id="wagtail-tracking-consent"' in body) is shown
    assert ("consent.js" in head) is shown
    if fields:
        assert (consent_config(head) is not None) is shown


def test_banner_lists_each_asking_tracker_with_purpose_mode_and_cookies(configure):
    configure(
        **GA4,
        ga4_consent_mode="require",
        **MATOMO,
        matomo_consent_mode="exempt",
        plausible_enabled=True,
        plausible_script_id="pa-TEST123",
    )
    head, body = render()
    assert 'role="dialog"' in body
    assert 'aria-labelledby="wagtail-tracking-consent-title"' in body
    assert 'data-wagtail-tracking-choice="ga4"' in body
    assert 'data-wagtail-tracking-choice="matomo"' in body
    assert 'data-wagtail-tracking-choice="plausible"' not in body  # needs no consent
    assert "_ga, _ga_*" in body
    assert "CNIL exemption" in body
    assert body.index('action="refuse"') < body.index('action="accept"')
    config = consent_config(head)
    assert config["providers"] == {
        "ga4": {"mode": "require", "cookies": ["_ga", "_ga_*"]},
        "matomo": {
            "mode": "exempt",
            "cookies": ["_pk_id*", "_pk_ses*", "_pk_ref*", "_pk_cvar*", "_pk_hsr*", "mtm_consent*"],
        },
    }
    assert config["cookie"] == "wagtail_tracking_consent"
    assert config["maxAge"] == 395 * 86400
    assert config["dnt"] is False


def test_consent_script_carries_the_nonce_and_runs_before_the_loader(configure):
    configure(**GA4)
    head, _ = render(nonce="abc123")
    consent = head.index('<script src="/static/wagtail_tracking/js/consent.js" nonce="abc123">')
    loader = head.index('<script src="/static/wagtail_tracking/js/tracking.js" nonce="abc123">')
    assert consent < loader
    assert "<script>" not in head  # no inline code at all


def test_output_is_the_same_for_every_visitor(configure):
    configure(**GA4)
    first = render(nonce="same")
    request = RequestFactory().get(
        "/", HTTP_HOST="localhost", HTTP_COOKIE="wagtail_tracking_consent=v=x&ga4=1"
    )
    request.csp_nonce = "same"
    second = TAGS.render(Context({"request": request})).split("\n@@\n")
    assert list(first) == second


def test_editor_text_is_escaped_and_defaults_are_translated(configure, banner_settings):
    configure(**GA4)
    banner_settings(title="<script>alert(1)</script>", accept_label="OK & go")
    _, body = render()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "OK &amp; go" in body
    assert "Refuse all" in body  # empty field: default


def test_default_wording_is_cached_per_language(configure):
    from wagtail_tracking.output.cache import _host_key

    request = RequestFactory().get("/", HTTP_HOST="localhost")
    with translation.override("fr"):
        french = _host_key(request)
    with translation.override("en"):
        english = _host_key(request)
    assert french != english


def test_banner_can_be_switched_off_for_an_external_consent_manager(
    configure, banner_settings, settings
):
    configure(**GA4)
    banner_settings(show_banner=False)
    head, body = render()
    assert "wagtail-tracking-consent" not in body
    assert "consent.js" not in head
    assert "tracking.js" in head  # the trackers still wait for setConsent()
    banner_settings(show_banner=True)
    settings.WAGTAIL_TRACKING = {"CONSENT_BANNER": False}
    head, body = render()
    assert "consent.js" not in head


def test_do_not_track_is_passed_to_the_browser(configure, banner_settings):
    configure(**GA4)
    banner_settings(honour_do_not_track=True)
    head, _ = render()
    assert consent_config(head)["dnt"] is True


def test_cookie_lifetime_follows_the_setting(configure, settings):
    settings.WAGTAIL_TRACKING = {"CONSENT_COOKIE_MAX_AGE_DAYS": 180, "CONSENT_COOKIE_NAME": "ok"}
    configure(**GA4)
    head, _ = render()
    assert consent_config(head)["maxAge"] == 180 * 86400
    assert consent_config(head)["cookie"] == "ok"


def test_version_changes_with_the_trackers_that_ask(site):
    providers = get_providers()

    class FakeEmission:
        def __init__(self, mode):
            self.config = {"consent": mode}

    def version(**modes):
        return consent_version(
            [describe(slug, providers[slug], FakeEmission(mode)) for slug, mode in modes.items()]
        )

    base = version(ga4="require")
    assert version(ga4="require", plausible="none") == base
    assert version(ga4="consent_mode") != base
    assert version(ga4="require", matomo="exempt") != base


def test_mode_note_is_found_from_the_mode_string_the_emission_holds():
    def note(mode):
        return ActiveTracker(slug="x", name="X", purpose="", mode=mode, cookies=()).mode_note

    # A tracker's mode is the plain string of its emission's config, never a ConsentMode member.
    notes = {mode.value: note(str(mode.value)) for mode in ConsentMode}
    assert notes["require"] == "Runs only if you accept."
    assert "CNIL exemption" in notes["exempt"]
    # Ticking accepts; an exempt tracker's box is never ticked for the visitor.
    assert "Tick to accept" in notes["exempt"] and "untick" not in notes["exempt"]
    assert "Google Consent Mode" in notes["consent_mode"]
    assert notes["none"] == "Needs no consent: sets no identifying cookie."
    assert note("a-mode-of-another-package") == ""


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example/", "ftp://x/"])
def test_policy_url_rejects_unsafe_addresses(banner_settings, url):
    with pytest.raises(ValidationError):
        banner_settings(policy_url=url)


def test_banner_settings_save_refreshes_the_cached_output(configure, banner_settings):
    configure(**GA4)
    render()
    banner_settings(title="New title")
    _, body = render()
    assert "New title" in body


def test_default_wording_is_translated_and_cached_per_language(configure):
    configure(**GA4)
    with translation.override("fr"):
        _, french = render()
    with translation.override("en"):
        _, english = render()
    assert "Tout refuser" in french
    assert "Refuse all" in english


def test_editors_edit_the_banner_in_the_admin(admin_client, site):
    url = f"/admin/settings/wagtail_tracking/consentbannersettings/{site.pk}/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"honour do not track" in response.content.lower()
    response = admin_client.post(url, {"show_banner": "on", "policy_url": "javascript:alert(1)"})
    assert response.status_code == 200
    assert b"Enter a path starting with / or an http(s) address." in response.content
    assert not ConsentBannerSettings.objects.filter(site=site).exclude(policy_url="").exists()


def test_banner_settings_need_the_admin_permission(client, editor, site):
    client.force_login(editor)
    response = client.get(f"/admin/settings/wagtail_tracking/consentbannersettings/{site.pk}/")
    assert response.status_code in (302, 403)


def test_banner_brings_its_own_reopen_button_hidden_until_needed(configure):
    """consent.js shows it, while the banner is closed, on pages without the site's link."""
    configure(**MATOMO, matomo_consent_mode="exempt")
    head, body = render()
    button = re.search(
        r'<button[^>]*id="wagtail-tracking-consent-reopen"[^>]*>([^<]*)</button>', body
    )
    assert button is not None
    assert 'data-wagtail-tracking-action="open"' in button.group(0)
    assert " hidden" in button.group(0)
    assert button.group(1) == "Cookie settings"
