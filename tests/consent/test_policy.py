"""The cookie policy link: a chosen page's address on the visitor's site (its translation in
the visitor's language), or a typed address; never both; no link, and a warning, when the page
cannot be visited."""

import logging

import pytest
from django.utils import translation
from wagtail.models import Locale

from tests.consent.test_banner import GA4, render
from tests.testapp.models import ContentPage
from wagtail_tracking.consent.banner import load_banner_settings
from wagtail_tracking.consent.policy import policy_address
from wagtail_tracking.models import ConsentBannerSettings


pytestmark = pytest.mark.django_db


@pytest.fixture
def policy_page(home_page):
    return home_page.add_child(instance=ContentPage(title="Cookies", slug="cookies"))


@pytest.fixture
def linked(site, policy_page, configure):
    configure(**GA4)
    banner = ConsentBannerSettings.for_site(site)
    banner.policy_page = policy_page
    banner.full_clean()
    banner.save()
    return banner


def test_the_banner_links_to_the_chosen_page(linked):
    _, body = render()
    assert '<a href="/cookies/">' in body


def test_the_link_follows_the_page_when_it_moves(linked, policy_page):
    render()
    policy_page.slug = "our-cookies"
    policy_page.save_revision().publish()
    _, body = render()
    assert '<a href="/our-cookies/">' in body


def test_an_unpublished_page_gives_no_link_and_a_warning(linked, policy_page, caplog):
    policy_page.unpublish()
    with caplog.at_level(logging.WARNING, logger="wagtail_tracking.consent.policy"):
        _, body = render()
    assert "Read our cookie policy" not in body
    assert "Your privacy" in body  # the banner itself is still there
    assert "not published" in caplog.text


def test_a_deleted_page_gives_no_link(linked, policy_page, admin_client, site):
    render()
    policy_page.delete()
    _, body = render()
    assert "Read our cookie policy" not in body
    assert load_banner_settings(site).policy_page_id is None
    url = f"/admin/settings/wagtail_tracking/consentbannersettings/{site.pk}/"
    assert admin_client.get(url).status_code == 200


def test_a_page_that_vanished_unnoticed_gives_a_warning(linked, caplog):
    linked.policy_page_id = 999_999  # e.g. rows restored from an older backup
    with caplog.at_level(logging.WARNING, logger="wagtail_tracking.consent.policy"):
        assert policy_address(linked) == ""
    assert "no longer exists" in caplog.text


def test_a_multilingual_site_links_to_the_visitors_translation(linked, policy_page, settings):
    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("fr", "French")]
    french = Locale.objects.create(language_code="fr")
    home_fr = policy_page.get_parent().specific.copy_for_translation(french)
    home_fr.save_revision().publish()
    translated = policy_page.copy_for_translation(french)
    translated.slug = "temoins"
    translated.save_revision().publish()
    banner = load_banner_settings(linked.site)
    with translation.override("en"):
        assert policy_address(banner) == "/cookies/"
    with translation.override("fr"):
        french_address = policy_address(banner)
    assert french_address.endswith("/temoins/")
    translated.refresh_from_db()
    translated.unpublish()
    with translation.override("fr"):
        assert policy_address(banner) == "/cookies/"  # the page itself while not translated


def test_a_page_and_an_address_together_are_refused(admin_client, site, policy_page):
    url = f"/admin/settings/wagtail_tracking/consentbannersettings/{site.pk}/"
    data = {"show_banner": "on", "policy_page": str(policy_page.pk), "policy_url": "/other/"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Choose a page or enter an address, not both" in response.content.decode()
    response = admin_client.post(url, {**data, "policy_url": ""})
    assert response.status_code == 302
    assert load_banner_settings(site).policy_page_id == policy_page.pk


def test_a_typed_address_still_works(site, configure):
    configure(**GA4)
    banner = ConsentBannerSettings.for_site(site)
    banner.policy_url = "https://example.com/cookies/"
    banner.save()
    _, body = render()
    assert '<a href="https://example.com/cookies/">' in body
