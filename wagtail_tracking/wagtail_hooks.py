"""Registration only: each hook hands Wagtail something defined elsewhere in the package."""

from django.contrib.auth.models import Permission
from django.urls import include, path
from wagtail import hooks

from wagtail_tracking.reports.menu import analytics_submenu_item, usage_menu_item
from wagtail_tracking.reports.panels import page_usage_header_button
from wagtail_tracking.usage.marks import count_page_views


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


# --- usage: first-party usage metrics ---


# Order 100: wrapped inside Wagtail's own view-restriction check, so only served pages count.
hooks.register("on_serve_page", count_page_views, order=100)


@hooks.register("register_admin_menu_item")
def register_analytics_menu():
    return analytics_submenu_item()


@hooks.register("register_wagtail_tracking_analytics_menu_item")
def register_usage_menu_item():
    return usage_menu_item()


@hooks.register("register_admin_urls")
def register_analytics_urls():
    from wagtail_tracking.reports import urls

    return [path("analytics/", include(urls))]


@hooks.register("register_icons")
def register_analytics_icons(icons):
    return [*icons, "wagtail_tracking/icons/chart.svg"]


hooks.register("register_page_header_buttons", page_usage_header_button)
