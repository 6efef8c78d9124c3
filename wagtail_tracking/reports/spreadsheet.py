"""Exports that a spreadsheet opens as text, never as a formula."""

from __future__ import annotations

from typing import Any, TypeVar

from wagtail.admin.views.mixins import SpreadsheetExportMixin


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

Value = TypeVar("Value")


def neutralise_formula(value: Value) -> Value | str:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe (OWASP advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormulaSafeExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export, with every text cell passed through ``neutralise_formula``.

    Numbers are left alone: a negative change is a number, not text starting with "-".
    """

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))
