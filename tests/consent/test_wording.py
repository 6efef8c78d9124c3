"""The banner's wording per locale on a multilingual site, its fallbacks, and the settings
screen's form: the wordings only when the site has several languages, one per language, and
the defaults shown in every empty field."""

import re

import pytest
from django.utils import translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from tests.consent.test_banner import GA4, render
from wagtail_tracking.consent.banner import banner_texts, load_banner_settings
from wagtail_tracking.consent.insights.versions import current_snapshot, forget_versions
from wagtail_tracking.models import ConsentBannerSettings, ConsentBannerWording


pytestmark = pytest.mark.django_db

LANGUAGES = [("en", "English"), ("fr", "French")]


def url(site):
    return f"/admin/settings/wagtail_tracking/consentbannersettings/{site.pk}/"


@pytest.fixture
def multilingual(settings):
    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
    Locale.objects.get_or_create(language_code="en")
    return Locale.objects.get_or_create(language_code="fr")[0]


@pytest.fixture
def wordings(site, multilingual):
    banner = ConsentBannerSettings.for_site(site)
    banner.title = "Site title"
    banner.accept_label = "OK for all"
    banner.save()
    ConsentBannerWording.objects.create(settings=banner, locale=multilingual, title="Titre du site")
    return banner


def test_each_language_shows_its_wording_then_the_default_wording_then_the_builtin(wordings):
    banner = load_banner_settings(wordings.site)
    with translation.override("fr"):
        french = banner_texts(banner)
    with translation.override("en"):
        english = banner_texts(banner)
    assert french["title"] == "Titre du site"  # the locale's wording
    assert french["accept_label"] == "OK for all"  # the site's default wording
    assert french["refuse_label"] == "Tout refuser"  # the built-in default, translated
    assert english["title"] == "Site title"
    assert english["refuse_label"] == "Refuse all"


def test_the_page_shows_the_visitors_languages_wording(wordings, configure):
    configure(**GA4)
    with translation.override("fr"):
        _, french = render()
    with translation.override("en"):
        _, english = render()
    assert "Titre du site" in french and "Titre du site" not in english
    assert "Site title" in english


def test_a_single_language_site_ignores_stored_wordings(wordings, settings):
    settings.WAGTAIL_I18N_ENABLED = False
    with translation.override("fr"):
        assert banner_texts(load_banner_settings(wordings.site))["title"] == "Site title"


def test_a_locales_wording_is_a_new_banner_version(wordings, configure, settings):
    settings.WAGTAIL_TRACKING_CONSENT_RECEIPTS = True
    configure(**GA4)
    forget_versions()
    french_before, snapshot = current_snapshot(wordings.site, "fr")
    english_before, _ = current_snapshot(wordings.site, "en")
    assert snapshot["texts"]["title"] == "Titre du site"
    wording = wordings.wordings.get()
    wording.text = "Nouveau texte"
    wording.save()
    forget_versions()
    french_after, snapshot = current_snapshot(wordings.site, "fr")
    assert snapshot["texts"]["text"] == "Nouveau texte"
    assert french_after != french_before
    assert current_snapshot(wordings.site, "en")[0] == english_before


def formset_data(*rows):
    data = {
        "show_banner": "on",
        "wordings-TOTAL_FORMS": str(len(rows)),
        "wordings-INITIAL_FORMS": "0",
        "wordings-MIN_NUM_FORMS": "0",
        "wordings-MAX_NUM_FORMS": "1000",
    }
    for index, (locale, title) in enumerate(rows):
        data.update(
            {
                f"wordings-{index}-locale": str(locale.pk),
                f"wordings-{index}-title": title,
                f"wordings-{index}-ORDER": str(index + 1),
                f"wordings-{index}-DELETE": "",
            }
        )
    return data


def test_editors_give_a_wording_per_language(admin_client, site, multilingual):
    response = admin_client.get(url(site))
    assert b"Wording by language" in response.content
    response = admin_client.post(url(site), formset_data((multilingual, "Vos données")))
    assert response.status_code == 302
    assert ConsentBannerWording.objects.get().title == "Vos données"


def test_two_wordings_for_one_language_are_a_form_error(admin_client, site, multilingual):
    data = formset_data((multilingual, "Un"), (multilingual, "Deux"))
    response = admin_client.post(url(site), data)
    assert response.status_code == 200
    assert "Each language can have only one wording" in response.content.decode()
    assert not ConsentBannerWording.objects.exists()


def test_a_single_language_site_has_no_wordings_panel(admin_client, site, wordings, settings):
    settings.WAGTAIL_I18N_ENABLED = False
    response = admin_client.get(url(site))
    assert b"Wording by language" not in response.content
    assert b"wordings-TOTAL_FORMS" not in response.content
    response = admin_client.post(url(site), {"show_banner": "on", "title": "Changed"})
    assert response.status_code == 302
    assert ConsentBannerWording.objects.count() == 1  # kept for when the languages come back


def placeholder(html, name):
    field = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html)
    assert field is not None, name
    found = re.search(r'placeholder="([^"]*)"', field.group(0))
    return found.group(1) if found else None


def test_empty_fields_show_the_default_in_the_editors_language(admin_client, site, admin_user):
    html = admin_client.get(url(site)).content.decode()
    assert placeholder(html, "title") == "Your privacy"
    assert placeholder(html, "refuse_label") == "Refuse all"
    assert placeholder(html, "text").startswith("We use audience measurement tools")
    UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "fr"})
    html = admin_client.get(url(site)).content.decode()
    assert placeholder(html, "refuse_label") == "Tout refuser"


def test_a_locales_empty_fields_show_what_the_banner_uses_instead(admin_client, site, wordings):
    html = admin_client.get(url(site)).content.decode()
    assert placeholder(html, "wordings-0-title") == "Site title"  # the site's default wording
    assert placeholder(html, "wordings-0-refuse_label") == "Tout refuser"  # French built-in


def test_a_new_wordings_empty_fields_show_the_editors_defaults(
    admin_client, admin_user, site, multilingual
):
    UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "fr"})
    html = admin_client.get(url(site)).content.decode()
    template = re.search(r'id="id_wordings-EMPTY_FORM_TEMPLATE".*?</template>', html, re.S)
    assert template is not None
    assert 'placeholder="Tout refuser"' in template.group(0)
