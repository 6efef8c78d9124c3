"""Template tags for the site's base template: ``{% tracking_head %}`` and ``{% tracking_body %}``.

The tags stay thin: all decisions live in plain, tested functions.
"""

from django import template
from django.utils.safestring import SafeString

from wagtail_tracking.consent.tags import consent_link, cookie_table
from wagtail_tracking.output.render import render_tracking
from wagtail_tracking.types import TemplateContext


register = template.Library()


@register.simple_tag(takes_context=True)
def tracking_head(context: TemplateContext) -> SafeString:
    """Everything that belongs in ``<head>``: consent defaults first, then the trackers' loaders."""
    return render_tracking(context, slot="head")


@register.simple_tag(takes_context=True)
def tracking_body(context: TemplateContext) -> SafeString:
    """Everything that belongs at the end of ``<body>``."""
    return render_tracking(context, slot="body")


@register.simple_tag(takes_context=True)
def tracking_consent_link(
    context: TemplateContext, label: str | None = None, css_class: str = ""
) -> SafeString:
    """A button reopening the consent choices, e.g. in the footer; shown only when there are some."""
    return consent_link(context, label, css_class)


@register.simple_tag(takes_context=True)
def tracking_cookie_table(context: TemplateContext) -> SafeString:
    """The site's trackers, their purposes, cookies and lifetimes, for a cookie policy page."""
    return cookie_table(context)
