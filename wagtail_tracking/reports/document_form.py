"""The downloads panel on Wagtail's document edit screen, through the document form.

Set ``WAGTAILDOCS_DOCUMENT_FORM_BASE = "wagtail_tracking.reports.document_form.DocumentUsageForm"``
(or mix ``DocumentUsageFormMixin`` into the site's own base form): Wagtail's edit screen draws
every field of the form, so the panel appears below the fields without touching its template.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail.documents.forms import BaseDocumentForm

from wagtail_tracking.usage.kinds import DOCUMENT

from .access import user_can_browse_analytics
from .charts import CHART_MEDIA
from .panels import HEADING, TEMPLATE, usage_panel_context


if TYPE_CHECKING:
    from django.forms.renderers import BaseRenderer


class DocumentUsageWidget(forms.Widget):
    """Draws the downloads panel where a field's input would be; it takes no input."""

    def __init__(self, document: Model, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.document = document

    @property
    def media(self) -> forms.Media:
        return CHART_MEDIA

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        return render_to_string(TEMPLATE, usage_panel_context(DOCUMENT, self.document))

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> None:
        return None

    def id_for_label(self, id_: str) -> str:
        return ""  # nothing to focus: the label is the panel's heading


class DocumentUsageFormMixin:
    """Adds the downloads panel, as a read-only last field, to an existing document's form.

    Only the single-document edit form has both the file field and a saved document: the add
    form, the chooser's upload form and the multiple uploader's forms get nothing.
    """

    usage_field_name = "wagtail_tracking_usage"
    fields: dict[str, forms.Field]
    instance: Model

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        user = kwargs.get("user")  # BaseCollectionMemberForm pops it
        super().__init__(*args, **kwargs)
        if "file" in self.fields and self.instance.pk and user_can_browse_analytics(user):
            self.fields[self.usage_field_name] = forms.Field(
                label=HEADING,
                required=False,
                disabled=True,
                widget=DocumentUsageWidget(self.instance),
            )


class DocumentUsageForm(DocumentUsageFormMixin, BaseDocumentForm):
    """Set ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` to this class's dotted path."""
