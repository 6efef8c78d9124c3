"""Registration only: each hook hands Wagtail something defined elsewhere in the package."""

from django.contrib.auth.models import Permission
from wagtail import hooks

from wagtail_tracking.usage.marks import count_page_views


@hooks.register("register_permissions")
def register_analytics_permission():
    return Permission.objects.filter(
        content_type__app_label="wagtail_tracking", codename="browse_analytics"
    )


# --- usage: first-party usage metrics ---


# Order 100: wrapped inside Wagtail's own view-restriction check, so only served pages count.
hooks.register("on_serve_page", count_page_views, order=100)
