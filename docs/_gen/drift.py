"""Do the docs and the code name the same things? ``problems()`` lists every disagreement.

Checked both ways, over README.md and every page under docs/: ``WAGTAIL_TRACKING`` keys (and their
descriptions in ``descriptions.SETTINGS``), system check IDs (and ``descriptions.CHECKS``), hooks,
template tags, management commands, and the built-in providers (one page each, whose tables are
generated from the provider's declarations, so that its fields cannot be missing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from . import descriptions, reference


def doc_files(root: Path = reference.ROOT) -> list[Path]:
    docs = root / "docs"
    pages = [path for path in sorted(docs.rglob("*.md")) if "_gen" not in path.parts]
    return [root / "README.md", *pages]


def doc_text(files: Iterable[Path] | None = None) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in files or doc_files())


def _compare(kind: str, in_code: set[str], in_docs: set[str]) -> list[str]:
    missing = [f"{kind} {name} is not in the docs" for name in sorted(in_code - in_docs)]
    return missing + _stale(kind, in_code, in_docs)


def named_settings(text: str, keys: Iterable[str]) -> set[str]:
    """Words shaped like a key of the dict (``USAGE_STORAGE``, ``CACHE_TIMEOUT``…)."""
    prefixes = sorted({key.split("_", 1)[0] for key in keys if "_" in key})
    pattern = re.compile(rf"\b(?:{'|'.join(prefixes)})_[A-Z0-9_]*[A-Z0-9]\b")
    return set(pattern.findall(text)) - reference.NOT_SETTINGS


def named_check_ids(text: str) -> set[str]:
    """``wagtail_tracking.W010``, and the short ``W010`` prose uses."""
    return {f"wagtail_tracking.{code}" for code in re.findall(r"\b([EWI]\d{3})\b", text)}


def _stale(kind: str, in_code: set[str], in_docs: set[str]) -> list[str]:
    return [
        f"the docs name {kind} {name}, which the code lacks" for name in sorted(in_docs - in_code)
    ]


def _marker(text: str, what: str) -> list[str]:
    marker = f"<!-- reference: {what} -->"
    # On a line of its own, as render() replaces it (not quoted in a table, as docs.md does).
    if re.search(rf"^{re.escape(marker)}$", text, re.M):
        return []
    return [f"no page shows the generated table ({marker})"]


def setting_problems(text: str) -> list[str]:
    """Each key described (its row of the generated table); no page names a key that is gone."""
    keys = set(reference.code_settings())
    return (
        _compare("setting", keys, set(descriptions.SETTINGS))
        + _stale("setting", keys, named_settings(text, keys))
        + _marker(text, "settings")
    )


def check_problems(text: str) -> list[str]:
    ids = reference.code_check_ids()
    return (
        _compare("check", ids, set(descriptions.CHECKS))
        + _stale("check", ids, named_check_ids(text))
        + _marker(text, "checks")
    )


def name_problems(text: str) -> list[str]:
    """Hooks, template tags and commands: every one in the docs, none the code lacks."""
    hooks = set(re.findall(r"\bregister_wagtail_tracking_\w+", text))
    tags = set(re.findall(r"\{%\s*(tracking_\w+)", text))
    commands = set(
        re.findall(r"\bwagtail_tracking_[a-z]+_(?:activity|usage|consent|digest)\b", text)
    )
    commands |= set(re.findall(r"manage\.py (wagtail_tracking_\w+)", text))
    return (
        _compare("hook", reference.code_hooks(), hooks)
        + _compare("template tag", reference.code_template_tags(), tags)
        + _compare("command", reference.code_commands(), commands)
    )


def provider_problems(root: Path = reference.ROOT) -> list[str]:
    folder = root / "docs" / "editors" / "trackers"
    pages = {path.stem for path in folder.glob("*.md") if path.stem != "index"}
    found = _compare("provider page", set(reference.builtin_providers()), pages)
    for slug in sorted(pages & set(reference.builtin_providers())):
        if f"<!-- reference: provider {slug} -->" not in (folder / f"{slug}.md").read_text():
            found.append(f"provider page {slug}.md lacks its generated tables")
    return found


def problems(files: Iterable[Path] | None = None) -> list[str]:
    text = doc_text(files)
    return setting_problems(text) + check_problems(text) + name_problems(text) + provider_problems()
