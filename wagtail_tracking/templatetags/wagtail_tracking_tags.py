"""Template tags for the site's base template: ``{% tracking_head %}`` and ``{% tracking_body %}``.

The tags stay thin: all decisions live in plain, tested functions.
"""

from django import template

from wagtail_tracking.output.render import render_tracking


register = template.Library()


@register.simple_tag(takes_context=True)
def tracking_head(context):
    """Everything that belongs in ``<head>``: consent defaults first, then the trackers' loaders."""
    return render_tracking(context, slot="head")


@register.simple_tag(takes_context=True)
def tracking_body(context):
    """Everything that belongs at the end of ``<body>``."""
    return render_tracking(context, slot="body")


@register.simple_tag(takes_context=True)
def tracking_consent_link(context, label=None, css_class=""):
    """A button reopening the consent choices, e.g. in the footer; shown only when there are some."""
    from wagtail_tracking.consent.tags import consent_link

    return consent_link(context, label, css_class)


@register.simple_tag(takes_context=True)
def tracking_cookie_table(context):
    """The site's trackers, their purposes, cookies and lifetimes, for a cookie policy page."""
    from wagtail_tracking.consent.tags import cookie_table

    return cookie_table(context)
