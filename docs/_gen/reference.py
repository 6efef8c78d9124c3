"""The reference tables of the docs, rendered from the code, and the checks that docs and code agree.

Django must be set up before these functions run (``hooks.py`` does it for ``make docs``;
pytest-django does it for ``tests/test_docs.py``). A page asks for a table with a marker on a
line of its own, ``<!-- reference: settings -->``, ``<!-- reference: checks -->``,
``<!-- reference: provider ga4 -->``: see ``MARKER`` and ``render()``.

``problems()`` lists every disagreement between the docs and the code: a ``WAGTAIL_TRACKING`` key,
a system check ID, a hook, a template tag, a management command or a built-in provider that one
side has and the other lacks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.text import capfirst

from . import descriptions


ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PACKAGE = ROOT / "wagtail_tracking"
TRACKER_PAGES = DOCS / "editors" / "trackers"
MARKER = re.compile(r"^<!-- reference: (?P<what>[a-z]+)(?: (?P<arg>[a-z0-9_]+))? -->$", re.M)
#: Names shaped like a setting that are not ``WAGTAIL_TRACKING`` keys (environment variables).
NOT_SETTINGS = {"USAGE_REDIS_URL"}
LEVELS = {"E": "Error", "W": "Warning", "I": "Info"}


# --- the facts, read from the code --------------------------------------------------------------


def code_settings() -> dict[str, Any]:
    from wagtail_tracking.conf import DEFAULTS

    return DEFAULTS


def _package_sources() -> Iterable[str]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path.read_text(encoding="utf-8")


def code_check_ids() -> set[str]:
    """Every check ID the package emits: the quoted ``"wagtail_tracking.E0xx"`` strings."""
    pattern = re.compile(r"[\"'](wagtail_tracking\.[EWI]\d{3})[\"']")
    return {found for text in _package_sources() for found in pattern.findall(text)}


def code_hooks() -> set[str]:
    """The hooks the package reads or registers: the quoted ``"register_wagtail_tracking_*"``."""
    pattern = re.compile(r"[\"'](register_wagtail_tracking_\w+)[\"']")
    return {found for text in _package_sources() for found in pattern.findall(text)}


def code_template_tags() -> set[str]:
    from wagtail_tracking.templatetags.wagtail_tracking_tags import register

    return set(register.tags)


def code_commands() -> set[str]:
    folder = PACKAGE / "management" / "commands"
    return {path.stem for path in folder.glob("*.py") if not path.stem.startswith("_")}


def builtin_providers() -> dict[str, Any]:
    from wagtail_tracking.providers import BUILTIN_PROVIDERS

    return {provider.slug: provider for provider in BUILTIN_PROVIDERS}


# --- rendering ----------------------------------------------------------------------------------


def cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def default_value(value: Any) -> str:
    if isinstance(value, str | list | dict):
        return f"`{json.dumps(value, ensure_ascii=False)}`"
    return f"`{value!r}`"


def settings_table() -> str:
    rows = ["| key | default | meaning |", "| --- | --- | --- |"]
    for key, value in code_settings().items():
        meaning = descriptions.SETTINGS.get(key, "")
        rows.append(f"| `{key}` | {default_value(value)} | {cell(meaning)} |")
    return "\n".join(rows)


def _check_order(check_id: str) -> tuple[str, str]:
    code = check_id.rsplit(".", 1)[1]
    return code[1:], code[0]


def checks_table() -> str:
    rows = ["| ID | level | meaning |", "| --- | --- | --- |"]
    for check_id in sorted(code_check_ids(), key=_check_order):
        level = LEVELS[check_id.rsplit(".", 1)[1][0]]
        meaning = descriptions.CHECKS.get(check_id, "")
        rows.append(f"| `{check_id}` | {level} | {cell(meaning)} |")
    return "\n".join(rows)


def _field_kind(declared: Any) -> str:
    from wagtail_tracking.providers import CheckboxField, ScriptFileField

    if isinstance(declared, ScriptFileField):
        return "file upload (`.js`)"
    if isinstance(declared, CheckboxField):
        return "checkbox"
    return f"text, at most {declared.max_length} characters"


def _field_row(provider: Any, declared: Any) -> str:
    what = [str(declared.help_text)]
    what += [f"*{v.message}*" for v in getattr(declared, "validators", ()) if hasattr(v, "message")]
    notes = ["required when the tool is on" if declared.required else "optional"]
    if declared.upload_permission:
        notes.append("needs *Can upload tracker script files*")
    return (
        f"| {cell(capfirst(declared.label))} | `{provider.setting_name(declared.name)}` "
        f"| {_field_kind(declared)}; {', '.join(notes)} | {cell(' '.join(w for w in what if w))} |"
    )


def provider_fields(provider: Any) -> str:
    rows = ["| value | form field | kind | what to enter |", "| --- | --- | --- | --- |"]
    rows += [_field_row(provider, declared) for declared in provider.fields]
    return "\n".join(rows)


def provider_modes(provider: Any) -> str:
    lines = []
    for index, mode in enumerate(provider.consent_modes):
        default = " (the default)" if index == 0 else ""
        lines.append(f"- `{mode.value}`{default}: {cell(mode.label)}")
    return "\n".join(lines)


def provider_introduction(provider: Any) -> str:
    intro = provider.introduction
    if intro is None:
        return "The vendor's documentation says where to find these values."
    warning = f"**{cell(intro.warning)}** " if intro.warning else ""
    return f"{warning}{cell(intro.text)} [{cell(intro.link_text)}]({intro.url})"


def provider_cookies(provider: Any) -> str:
    if not provider.cookies:
        return "The tool sets no cookie."
    rows = ["| cookie (`*`: a prefix) | default lifetime |", "| --- | --- |"]
    for cookie in provider.cookies:
        lifetime = cell(cookie.lifetime) if cookie.lifetime else "set by the vendor"
        rows.append(f"| `{cookie.name}` | {lifetime} |")
    return "\n".join(rows)


def hosts_table() -> str:
    rows = ["| tool | hosts |", "| --- | --- |"]
    for provider in builtin_providers().values():
        hosts = ", ".join(f"`{host}`" for host in provider.hosts)
        rows.append(f"| {cell(provider.name)} | {hosts or 'the addresses entered on its tab'} |")
    return "\n".join(rows)


def provider_reference(slug: str) -> str:
    provider = builtin_providers()[slug]
    hosts = ", ".join(f"`{host}`" for host in provider.hosts) or "the addresses entered above"
    return "\n\n".join(
        [
            "## Where to find the values",
            provider_introduction(provider),
            f"## The fields of the *{cell(provider.name)}* tab",
            provider_fields(provider),
            "Every value is checked against the vendor's format when saving and again when the "
            "page is rendered.",
            "## Consent modes offered",
            provider_modes(provider),
            "## Cookies",
            provider_cookies(provider),
            "## Hosts",
            f"The tool loads code from or sends data to: {hosts}. Allow them in your "
            "[Content Security Policy](../../developers/csp.md).",
        ]
    )


def _command_options(name: str) -> list[tuple[str, str]]:
    from django.core.management import BaseCommand, load_command_class

    ours = load_command_class("wagtail_tracking", name).create_parser("manage.py", name)
    django_own = {a.dest for a in BaseCommand().create_parser("manage.py", name)._actions}
    return [
        (", ".join(action.option_strings) or action.dest, _option_meaning(action))
        for action in ours._actions
        if action.dest not in django_own
    ]


def _option_meaning(action: Any) -> str:
    meaning = str(action.help or "")
    if action.default not in (None, False):
        meaning = f"{meaning} Default: `{action.default}`.".strip()
    return meaning


def commands_reference() -> str:
    """Each management command's description and options, as its ``--help`` gives them."""
    from django.core.management import load_command_class

    parts = []
    for name in sorted(code_commands()):
        command = load_command_class("wagtail_tracking", name)
        parts += [f"### `{name}`", cell(command.help)]
        options = _command_options(name)
        if options:
            rows = ["| option | meaning |", "| --- | --- |"]
            rows += [f"| `{flag}` | {cell(meaning)} |" for flag, meaning in options]
            parts.append("\n".join(rows))
    return "\n\n".join(parts)


def render(markdown: str) -> str:
    """``markdown`` with each reference marker replaced by its table, in English."""

    def replace(match: re.Match[str]) -> str:
        what, arg = match["what"], match["arg"]
        if what == "settings":
            return settings_table()
        if what == "checks":
            return checks_table()
        if what == "hosts":
            return hosts_table()
        if what == "commands":
            return commands_reference()
        if what == "provider" and arg in builtin_providers():
            return provider_reference(arg)
        raise ValueError(f"unknown reference marker: {match[0]}")

    with translation.override("en"):
        return MARKER.sub(replace, markdown)
