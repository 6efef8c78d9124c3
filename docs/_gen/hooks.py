"""MkDocs hooks (``hooks:`` in mkdocs.yml): reference tables from the code, and the drift check.

``make docs`` runs ``mkdocs build --strict``, so a warning logged here fails the build: a
setting, check, hook, template tag, command or provider that the docs and the code disagree on.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any


ROOT = Path(__file__).resolve().parents[2]
log = logging.getLogger("mkdocs.plugins.wagtail_tracking")


def on_config(config: Any) -> Any:
    """Set Django up once, before any page is read."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "docs._gen.django_settings")
    import django  # Django's settings must be chosen before it is imported

    django.setup()
    return config


def on_pre_build(config: Any) -> None:
    from docs._gen import drift  # needs Django set up by on_config

    for problem in drift.problems():
        log.warning("docs and code disagree: %s", problem)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    from docs._gen import reference  # needs Django set up by on_config

    return reference.render(markdown)
