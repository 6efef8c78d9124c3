"""Settings › Tracking: every provider's tab, then a preview of exactly what the tags emit.

The preview shows the composed output (trackers and consent banner), so the screen is put
together here, above both, and attached to the settings model when the app is ready.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel, TabbedInterface

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.providers.admin import provider_tabs, settings_form_class
from wagtail_tracking.providers.models import TrackingProviderSettings
from wagtail_tracking.providers.summary import TrackingSummaryPanel
from wagtail_tracking.types import TemplateContext

from .build import preview_html


logger = logging.getLogger("wagtail_tracking.output")


class EmittedHTMLPanel(Panel):
    """Read-only: the exact HTML ``{% tracking_head %}`` and ``{% tracking_body %}`` emit."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_tracking/output/emitted_html_panel.html"

        def get_context_data(self, parent_context: TemplateContext | None = None) -> dict[str, Any]:
            context: dict[str, Any] = super().get_context_data(parent_context)
            context["all_disabled"] = not tracking_settings.PROVIDERS_ENABLED
            context["head_tag"] = "{% tracking_head %}"
            context["body_tag"] = "{% tracking_body %}"
            try:
                # As saved: after a refused submission the form's instance holds refused values.
                saved = type(self.instance).objects.filter(pk=self.instance.pk).first()
                context["html"] = preview_html(
                    saved or type(self.instance)(site=self.instance.site)
                )
            except Exception:
                logger.exception("wagtail_tracking: could not build the preview")
                context["html"] = None
            return context


def build_edit_handler() -> TabbedInterface:
    tabs = [
        ObjectList([TrackingSummaryPanel()], heading=_("At a glance")),
        *provider_tabs(),
        ObjectList([EmittedHTMLPanel()], heading=_("What this site will emit")),
    ]
    return TabbedInterface(
        tabs,
        base_form_class=settings_form_class(),
        attrs={"data-wagtail-tracking-settings": ""},
    )


class _LazyEditHandler:
    """Built on first use, once every provider module and hook is loaded."""

    def __get__(
        self, instance: TrackingProviderSettings | None, owner: type[TrackingProviderSettings]
    ) -> TabbedInterface:
        return build_edit_handler()


def attach_settings_edit_handler() -> None:
    """Give ``TrackingProviderSettings`` its screen (called from ``apps.ready()``)."""
    TrackingProviderSettings.edit_handler = _LazyEditHandler()
