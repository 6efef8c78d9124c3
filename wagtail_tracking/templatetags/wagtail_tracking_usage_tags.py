"""Admin-only tags drawing the usage panel on Wagtail's document edit screen."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from wagtail_tracking.models.usage import UsageKind
from wagtail_tracking.reports.panels import usage_panel_context
from wagtail_tracking.reports.views import CHART_MEDIA


register = template.Library()


@register.simple_tag
def document_usage_panel(document):
    if document is None or document.pk is None:
        return ""
    return render_to_string(
        "wagtail_tracking/reports/components/usage_panel.html",
        usage_panel_context(UsageKind.DOCUMENT, document.pk),
    )


@register.simple_tag
def usage_panel_css():
    return mark_safe("".join(CHART_MEDIA.render_css()))  # noqa: S308  (static paths only)


@register.simple_tag
def usage_panel_js():
    return mark_safe("".join(CHART_MEDIA.render_js()))  # noqa: S308  (static paths only)
