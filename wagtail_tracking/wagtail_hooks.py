"""Registration only: each hook hands Wagtail something defined elsewhere in the package."""

from django.contrib.auth.models import Permission
from wagtail import hooks


@hooks.register("register_permissions")
def register_analytics_permission():
    return Permission.objects.filter(
        content_type__app_label="wagtail_tracking", codename="browse_analytics"
    )


# --- providers --------------------------------------------------------------------------------
@hooks.register("register_permissions")
def register_tracker_scripts_permission():
    return Permission.objects.filter(
        content_type__app_label="wagtail_tracking", codename="upload_tracker_scripts"
    )
