"""Template tags for the site's base template: ``{% tracking_head %}`` and ``{% tracking_body %}``.

The tags stay thin: all decisions live in plain, tested functions.
"""

from django import template

from wagtail_tracking.rendering import render_tracking


register = template.Library()


@register.simple_tag(takes_context=True)
def tracking_head(context):
    """Everything that belongs in ``<head>``: consent defaults first, then the trackers' loaders."""
    return render_tracking(context, slot="head")


@register.simple_tag(takes_context=True)
def tracking_body(context):
    """Everything that belongs at the end of ``<body>``."""
    return render_tracking(context, slot="body")
