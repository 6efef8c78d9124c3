"""The upload field of a vendor script: what is in place (name, size, upload date, SRI hash),
with a replace and a remove action, instead of Django's bare "Currently: … Clear" input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class ScriptFileInput(forms.ClearableFileInput):
    """Django's clearable file input (same posted names: the form's handling is unchanged),
    drawn as a card of the current script's facts."""

    template_name = "wagtail_tracking/providers/script_file_input.html"
    clear_checkbox_label = _("Remove this script when saving")  # type: ignore[assignment]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)
        # The saved file is a FieldFile of a ProviderScript row, which knows its facts.
        row = getattr(value, "instance", None)
        if context["widget"]["is_initial"] and row is not None:
            context["widget"]["script"] = {
                "name": str(value.name).rsplit("/", 1)[-1],
                "url": value.url,
                "size": getattr(row, "size", None),
                "uploaded_at": getattr(row, "uploaded_at", None),
                "integrity": getattr(row, "integrity", ""),
            }
        return context
