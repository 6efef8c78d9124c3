"""Types shared by the public functions of several features."""

from __future__ import annotations

from typing import Any, TypeAlias

from django.template import Context


#: What a template tag receives: a template ``Context``, or a plain dict when called from Python.
TemplateContext: TypeAlias = Context | dict[str, Any]
