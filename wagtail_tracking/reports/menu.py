"""The "Analytics" submenu of the admin's main menu.

Reports add themselves with the ``register_wagtail_tracking_analytics_menu_item`` hook,
returning a ``AnalyticsMenuItem``. The submenu disappears when none of its items is shown, so
users without "Browse analytics" never see it.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .views import user_can_browse_analytics


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_browse_analytics(request.user)


analytics_menu = Menu(
    register_hook_name="register_wagtail_tracking_analytics_menu_item",
    construct_hook_name="construct_wagtail_tracking_analytics_menu",
)


def analytics_submenu_item() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        _("Analytics"),
        analytics_menu,
        name="wagtail-tracking-analytics",
        icon_name="wagtail-tracking-chart",
        order=8950,
    )


def usage_menu_item() -> AnalyticsMenuItem:
    return AnalyticsMenuItem(
        _("Usage"),
        reverse("wagtail_tracking_analytics:usage"),
        name="wagtail-tracking-usage",
        icon_name="wagtail-tracking-chart",
        order=200,
    )


def backoffice_menu_item() -> AnalyticsMenuItem:
    return AnalyticsMenuItem(
        _("Back office"),
        reverse("wagtail_tracking_analytics:backoffice"),
        name="wagtail-tracking-backoffice",
        icon_name="wagtail-tracking-chart",
        order=100,
    )
