"""System checks for what the reports add to Wagtail's own screens (ID wagtail_tracking.I042)."""

from __future__ import annotations

from django.core.checks import CheckMessage, Info, Tags, register
from wagtail.documents.forms import get_document_base_form

from wagtail_tracking.conf import tracking_settings

from .document_form import DocumentUsageFormMixin


DOCUMENT_FORM_PATH = "wagtail_tracking.reports.document_form.DocumentUsageForm"


@register(Tags.compatibility)
def check_document_usage_panel(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """Wagtail offers no hook for the document screen: the panel needs one setting."""
    if tracking_settings.USAGE_ENABLED is not True or _document_form_has_panel():
        return []
    return [
        Info(
            "Document edit screens show no downloads panel: the document form base does not "
            "include it.",
            hint=f"Set WAGTAILDOCS_DOCUMENT_FORM_BASE = {DOCUMENT_FORM_PATH!r}, or add "
            "DocumentUsageFormMixin to your own base form.",
            id="wagtail_tracking.I042",
        )
    ]


def _document_form_has_panel() -> bool:
    try:
        return issubclass(get_document_base_form(), DocumentUsageFormMixin)
    except ImportError:
        return True  # Wagtail reports the broken setting itself
