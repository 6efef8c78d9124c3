"""What the reports set up when the app is ready (called from ``apps.ready()``)."""

from __future__ import annotations

from wagtail_tracking.conf import tracking_settings

from . import checks  # noqa: F401  (registers the reports' system checks)
from .panels import add_usage_panel_to_page_models


def prepare_reports() -> None:
    """Add the usage panel to page models before Wagtail builds their edit handlers."""
    if tracking_settings.ENABLED and tracking_settings.USAGE_PAGE_PANEL:
        add_usage_panel_to_page_models()
