"""The alert settings form: the rules switched off, as checkboxes of every rule known."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class AlertSettingsForm(WagtailAdminModelForm):
    disabled_rules = forms.MultipleChoiceField(
        label=_("Rules switched off"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ticked rules raise no alert on this site."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Imported here: models.py imports this form, and the rules' modules name the models.
        from .registry import rule_choices

        self.fields["disabled_rules"].choices = rule_choices()  # type: ignore[attr-defined]
