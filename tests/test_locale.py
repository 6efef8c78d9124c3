"""The French catalogue: complete, compiled, and picked up at run time."""

import ast
import datetime
import gettext
import re
from pathlib import Path

import django
import pytest
import wagtail
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format

import wagtail_tracking
from wagtail_tracking.providers import get_provider
from wagtail_tracking.providers.google_analytics import validate_ga4_measurement_id
from wagtail_tracking.reports.menu import analytics_submenu_item
from wagtail_tracking.reports.models import AnalyticsPermission
from wagtail_tracking.reports.usage import LISTING_VIEWS
from wagtail_tracking.usage.kinds import PAGE


LOCALE_DIR = Path(wagtail_tracking.__file__).parent / "locale" / "fr" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def po_entries(path: Path):
    """(flags, msgid, {msgstr key: text}, msgid_plural, msgctxt) for every entry but the header."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        flags, parts, current = set(), {}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                parts[current] += ast.literal_eval(line)
            elif line:
                current, _, value = line.partition(" ")
                parts[current] = ast.literal_eval(value)
        if parts.get("msgid"):
            msgstrs = {key: text for key, text in parts.items() if key.startswith("msgstr")}
            entries.append(
                (
                    flags,
                    parts["msgid"],
                    msgstrs,
                    parts.get("msgid_plural", ""),
                    parts.get("msgctxt"),
                )
            )
    return entries


def catalogues():
    return sorted(LOCALE_DIR.glob("*.po"))


@pytest.mark.parametrize("po", catalogues(), ids=lambda path: path.name)
def test_the_compiled_catalogue_matches(po):
    """The .mo holds every translation of the .po (run `make messages` after editing it)."""
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for _, msgid, msgstrs, _plural, context in po_entries(po):
        if "msgstr" in msgstrs:
            text = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
            assert text == msgstrs["msgstr"], msgid


@pytest.mark.parametrize("po", catalogues(), ids=lambda path: path.name)
def test_every_entry_is_translated_and_checked(po):
    entries = po_entries(po)
    assert entries
    fuzzy = [entry[1] for entry in entries if "fuzzy" in entry[0]]
    untranslated = [entry[1] for entry in entries if not all(entry[2].values())]
    assert not fuzzy, f"fuzzy entries in {po.name}: {fuzzy}"
    assert not untranslated, f"untranslated entries in {po.name}: {untranslated}"


@pytest.mark.parametrize("po", catalogues(), ids=lambda path: path.name)
def test_translations_keep_placeholders_and_tags(po):
    for _, msgid, msgstrs, plural, _context in po_entries(po):
        for key, text in msgstrs.items():
            source = plural if key == "msgstr[1]" else msgid
            # msgstr[0] of a plural may leave out the count ("du dernier jour").
            if key != "msgstr[0]" or not plural:
                assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                    source
                )
            assert sorted(re.findall(r"</?\w+>", text)) == sorted(re.findall(r"</?\w+>", source)), (
                source
            )


def host_catalogues():
    """The French catalogues of Django and Wagtail, whose words ours must never replace."""
    for package in (django, wagtail):
        yield from Path(package.__file__).parent.glob("**/locale/fr/LC_MESSAGES/django.po")


@pytest.mark.parametrize("po", catalogues(), ids=lambda path: path.name)
def test_no_msgid_of_ours_changes_how_django_or_wagtail_translate_their_own(po):
    """A msgid without a context is shared by every catalogue: one Django or Wagtail also have
    (Change, Inspect, title…) would take our translation on their own screens. Give it a
    ``pgettext`` context, or a more specific wording."""
    theirs = {
        msgid
        for catalogue in host_catalogues()
        for _, msgid, _, _, context in po_entries(catalogue)
        if context is None
    }
    assert theirs, "no Django or Wagtail catalogue found"
    shared = sorted(
        msgid for _, msgid, _, _, context in po_entries(po) if context is None and msgid in theirs
    )
    assert not shared, f"give these a context: {shared}"


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


def test_permission_name(french):
    permissions = dict(AnalyticsPermission._meta.permissions)
    assert str(permissions["browse_analytics"]) == "Consulter les statistiques"


def test_menu_label(french):
    assert str(analytics_submenu_item().label) == "Statistiques"


def test_validation_message(french):
    with pytest.raises(ValidationError) as excinfo:
        validate_ga4_measurement_id("UA-1234-1")
    assert excinfo.value.messages[0].startswith("Saisissez un ID de mesure GA4")


def test_report_title(french):
    assert str(LISTING_VIEWS[PAGE].page_title) == "Pages vues par page"


def test_provider_introductions_follow_the_active_language():
    introduction = get_provider("ga4").introduction
    with translation.override("fr"):
        assert "Où le trouver" in introduction.render()
    with translation.override("en"):
        assert "Where to find it" in introduction.render()


def test_chart_axis_follows_the_language(french):
    from wagtail_tracking.reports.charts import axis_date_format, format_tick

    assert date_format(datetime.date(2026, 11, 21), axis_date_format()) == "21 nov."
    assert format_tick(1500) == "1\xa0500"
    assert format_tick(2.5) == "2,5"
