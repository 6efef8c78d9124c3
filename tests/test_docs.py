"""The docs cannot drift from the code: docs/_gen/drift.py, and the README PyPI shows."""

import re

import pytest

from docs._gen import descriptions, drift, reference
from wagtail_tracking.conf import DEFAULTS


README = reference.ROOT / "README.md"


def test_docs_and_code_agree():
    assert drift.problems() == []


def test_an_undocumented_setting_fails(monkeypatch):
    monkeypatch.setitem(DEFAULTS, "USAGE_SAMPLE_RATE", 1.0)

    assert "setting USAGE_SAMPLE_RATE is not in the docs" in drift.problems()


def test_a_setting_the_code_lost_fails_where_the_docs_still_name_it(monkeypatch):
    monkeypatch.delitem(DEFAULTS, "USAGE_BOT_PATTERNS")

    found = drift.problems()

    assert "the docs name setting USAGE_BOT_PATTERNS, which the code lacks" in found


def test_a_page_naming_a_setting_that_does_not_exist_fails():
    found = drift.setting_problems(drift.doc_text() + '\n"USAGE_SAMPLING": True\n')

    assert found == ["the docs name setting USAGE_SAMPLING, which the code lacks"]


def test_check_ids_both_ways(monkeypatch):
    text = drift.doc_text()
    assert drift.check_problems(text + "\nwagtail_tracking.E099 and W098\n") == [
        "the docs name check wagtail_tracking.E099, which the code lacks",
        "the docs name check wagtail_tracking.W098, which the code lacks",
    ]
    monkeypatch.delitem(descriptions.CHECKS, "wagtail_tracking.W050")
    assert drift.check_problems(text) == ["check wagtail_tracking.W050 is not in the docs"]


def test_hooks_tags_and_commands_both_ways(monkeypatch):
    text = drift.doc_text()
    assert drift.name_problems(text) == []

    stale = (
        text
        + "\n{% tracking_pixel %} register_wagtail_tracking_widgets wagtail_tracking_purge_usage"
    )
    assert drift.name_problems(stale) == [
        "the docs name hook register_wagtail_tracking_widgets, which the code lacks",
        "the docs name template tag tracking_pixel, which the code lacks",
        "the docs name command wagtail_tracking_purge_usage, which the code lacks",
    ]

    without_cookie_table = re.sub(r"tracking_cookie_table", "", text)
    assert drift.name_problems(without_cookie_table) == [
        "template tag tracking_cookie_table is not in the docs"
    ]

    commands = {*reference.code_commands(), "wagtail_tracking_x"}
    monkeypatch.setattr(reference, "code_commands", lambda: commands)
    assert "command wagtail_tracking_x is not in the docs" in drift.name_problems(text)


def test_every_builtin_provider_has_its_page(monkeypatch):
    providers = reference.builtin_providers()
    monkeypatch.setattr(reference, "builtin_providers", lambda: {**providers, "fathom": None})

    assert drift.provider_problems() == ["provider page fathom is not in the docs"]


@pytest.mark.parametrize("slug", sorted(reference.builtin_providers()))
def test_a_provider_page_shows_every_declared_field_mode_and_cookie(slug):
    provider = reference.builtin_providers()[slug]

    page = reference.render(f"<!-- reference: provider {slug} -->")

    for declared in provider.fields:
        assert f"`{provider.setting_name(declared.name)}`" in page
    for mode in provider.consent_modes:
        assert f"`{mode.value}`" in page
    for cookie in provider.cookies:
        assert f"`{cookie.name}`" in page
    assert provider.introduction.url in page


def test_the_settings_table_has_every_key_with_its_default():
    table = reference.render("<!-- reference: settings -->")

    for key, value in DEFAULTS.items():
        assert f"| `{key}` | {reference.default_value(value)} |" in table
    assert "| `CACHE_TIMEOUT` | `86400` |" in table
    assert '| `USAGE_STORAGE` | `"database"` |' in table


def test_the_checks_table_has_every_id_with_its_level():
    table = reference.render("<!-- reference: checks -->")

    assert "| `wagtail_tracking.W010` | Warning |" in table
    assert "| `wagtail_tracking.I042` | Info |" in table
    assert table.count("| `wagtail_tracking.") == len(reference.code_check_ids())


def test_an_unknown_marker_fails_the_build():
    with pytest.raises(ValueError, match="unknown reference marker"):
        reference.render("<!-- reference: provider fathom -->")


def test_the_readme_install_section_is_complete():
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Install\n", 1)[1].split("\n## ", 1)[0]
    blocks = "\n".join(re.findall(r"```\w*\n(.*?)```", section, re.S))

    for needed in (
        "pip install wagtail-tracking",
        '"wagtail_tracking",',
        '"wagtail.contrib.settings",',
        '"wagtail_tracking.usage.middleware.UsageMiddleware"',
        'WAGTAILDOCS_DOCUMENT_FORM_BASE = "wagtail_tracking.reports.document_form.DocumentUsageForm"',
        "python manage.py migrate",
        "{% load wagtail_tracking_tags %}",
        "{% tracking_head %}",
        "{% tracking_body %}",
        "{% tracking_consent_link %}",
    ):
        assert needed in blocks, needed
    # The docs' Install page includes exactly this section.
    assert "--8<-- [start:install]" in section and "--8<-- [end:install]" in section


def test_the_readme_renders_on_pypi():
    text = README.read_text(encoding="utf-8")

    assert len(text.splitlines()) <= 200
    # PyPI shows no relative image or link; no table (a header-less one shows raw pipes).
    for target in re.findall(r"\]\(([^)]+)\)", text):
        assert target.startswith(("https://", "http://")), target
    assert not re.search(r"^\|", text, re.M)


def test_the_commands_reference_shows_each_command_with_its_options():
    text = reference.render("<!-- reference: commands -->")

    for name in reference.code_commands():
        assert f"### `{name}`" in text
    assert "| `--dry-run` | Count, delete nothing. |" in text
    assert "| `--batch-size` | Default: `5000`. |" in text


def test_a_reference_table_no_page_shows_fails():
    text = drift.doc_text().replace("\n<!-- reference: checks -->\n", "\n")

    assert drift.check_problems(text) == [
        "no page shows the generated table (<!-- reference: checks -->)"
    ]
