"""Wagtail's and Django's own French, rendered: the plugin's catalogue changes none of it.

``test_locale`` checks msgids; this renders the admin screens the plugin's tests open, in
French, with the real merged catalogue and with the same catalogue minus the plugin's, and
fails if any text differs that is not one of the plugin's own strings. A second test asks every
msgid of every other installed app's French catalogue, with and without ours.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.translation import trans_real
from wagtail.users.models import UserProfile

import wagtail_tracking
from tests.test_locale import po_entries


pytestmark = pytest.mark.django_db

OURS = Path(wagtail_tracking.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# Attributes whose text a user reads or hears.
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description")


class WithoutPlugin(trans_real.DjangoTranslation):
    """Django's merged catalogue of every installed app, but the plugin's."""

    def _add_installed_apps_translations(self) -> None:
        for app_config in reversed(apps.get_app_configs()):
            localedir = os.path.join(app_config.path, "locale")
            if app_config.name != "wagtail_tracking" and os.path.exists(localedir):
                self.merge(self._new_gnu_trans(localedir))


@contextlib.contextmanager
def catalogue(language: str, *, with_plugin: bool):
    saved = trans_real._translations.get(language)
    trans_real._translations[language] = (
        trans_real.DjangoTranslation(language) if with_plugin else WithoutPlugin(language)
    )
    try:
        yield
    finally:
        if saved is None:
            trans_real._translations.pop(language, None)
        else:
            trans_real._translations[language] = saved


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def is_plugin_element(attrs) -> bool:
    """The plugin's own components (panels, charts): class or id prefixed ``wt-``."""
    values = dict(attrs)
    classes = (values.get("class") or "").split()
    return any(c.startswith("wt-") for c in classes) or (values.get("id") or "").startswith("wt-")


class Texts(HTMLParser):
    """The text nodes and read attributes of a page, whitespace-normalised, without scripts and
    without the plugin's own components."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if not self.skipping:
                self.add_attributes(attrs)
            return
        if self.skipping:
            self.skipping += 1
        elif tag in ("script", "style", "template") or is_plugin_element(attrs):
            self.skipping = 1
        else:
            self.add_attributes(attrs)

    def add_attributes(self, attrs):
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.add(value)

    def handle_endtag(self, tag):
        if self.skipping and tag not in VOID:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.add(data)

    def add(self, text):
        text = " ".join(text.split())
        if text:
            self.texts.append(text)


def texts(html: str) -> list[str]:
    parser = Texts()
    parser.feed(html)
    return parser.texts


def our_patterns() -> tuple[list[re.Pattern], list[str]]:
    """Our msgids (and plurals) as patterns (a placeholder matches anything), and as texts."""
    patterns, sources = [], []
    for _flags, msgid, _msgstrs, plural, _context in po_entries(OURS):
        for source in filter(None, (msgid, plural)):
            source = " ".join(source.split())
            sources.append(source.lower())
            parts = PLACEHOLDER.split(source)
            patterns.append(re.compile(".*".join(map(re.escape, parts)), re.IGNORECASE))
    return patterns, sources


def is_ours(text: str, ours: tuple[list[re.Pattern], list[str]]) -> bool:
    """A text that is, contains or is cut from one of the plugin's own strings (left in English
    without its catalogue: Wagtail shows "Browse" of the permission "Browse analytics")."""
    patterns, sources = ours
    return any(pattern.search(text) for pattern in patterns if pattern.pattern) or any(
        text.lower() in source for source in sources
    )


def screens(page, document, image, author, editor, moderators):
    """The Wagtail admin screens the plugin's tests open, where its words could leak."""
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[page.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:edit", args=[editor.pk]),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailusers_groups:add"),
        reverse("wagtailusers_groups:edit", args=[moderators.pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:edit", args=[document.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailsnippets_testapp_author:list"),
        reverse("wagtailsnippets_testapp_author:edit", args=[author.pk]),
        reverse("wagtailsites:index"),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_reports:site_history"),
    ]


@pytest.fixture
def french_admin(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fr"
    profile.save()
    return admin_client


@pytest.fixture
def objects(home_page, editor):
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from tests.testapp.models import Author

    document = get_document_model().objects.create(
        title="Report", file=SimpleUploadedFile("report.txt", b"x")
    )
    image = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    moderators = Group.objects.get(name="Moderators")
    return home_page, document, image, Author.objects.create(name="Ada"), editor, moderators


def test_wagtail_screens_read_the_same_in_french_with_and_without_the_plugin(french_admin, objects):
    patterns = our_patterns()
    leaks = []
    for url in screens(*objects):
        rendered = {}
        for with_plugin in (True, False):
            with catalogue("fr", with_plugin=with_plugin):
                response = french_admin.get(url)
                assert response.status_code == 200, url
                rendered[with_plugin] = texts(response.content.decode())
        assert "Tableau de bord" in " ".join(rendered[True]) or url != reverse(
            "wagtailadmin_home"
        ), "the admin did not render in French"
        matcher = difflib.SequenceMatcher(a=rendered[False], b=rendered[True], autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            for text in rendered[False][a1:a2]:
                if not is_ours(text, patterns):
                    leaks.append((url, text, rendered[True][b1:b2]))
    assert not leaks, "Wagtail's or Django's French changed by the plugin:\n" + "\n".join(
        f"{url}: {text!r} became {changed!r}" for url, text, changed in leaks
    )


def test_no_other_apps_french_msgid_is_translated_differently_with_ours():
    """Every msgid of every other installed app (Django, Wagtail, django-filter, taggit…)."""
    with catalogue("fr", with_plugin=True):
        merged = trans_real.DjangoTranslation("fr")
    without = WithoutPlugin("fr")
    changed = []
    for key in {key for key, _text in without._catalog.items()}:
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid:
            continue  # the catalogue's header
        text, ours_text = without._catalog.get(key), merged._catalog.get(key)
        if text != ours_text:
            context, _, bare = msgid.rpartition("\x04")
            changed.append((context, bare, text, ours_text))
    assert not changed, changed[:20]
