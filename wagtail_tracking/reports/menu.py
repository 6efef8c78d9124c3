"""The "Analytics" submenu of the admin's main menu.

Reports add themselves with the ``register_wagtail_tracking_analytics_menu_item`` hook,
returning an ``AnalyticsMenuItem`` (``analytics_menu_item()`` builds one). The submenu
disappears when none of its items is shown, so users without "Browse analytics" never see it.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .access import user_can_browse_analytics, user_can_view_receipts


ICON = "wagtail-tracking-chart"


class AnalyticsMenuItem(MenuItem):
    """An item shown only to users with "Browse analytics"."""

    def is_shown(self, request: HttpRequest) -> bool:
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
        icon_name=ICON,
        order=8950,
    )


def analytics_menu_item(
    label: str | Promise, url_name: str, *, name: str, order: int
) -> AnalyticsMenuItem:
    """An item of the Analytics submenu, opening the report at the named URL."""
    return AnalyticsMenuItem(label, reverse(url_name), name=name, icon_name=ICON, order=order)


def usage_menu_item() -> AnalyticsMenuItem:
    return analytics_menu_item(
        pgettext_lazy("analytics report", "Usage"),
        "wagtail_tracking_analytics:usage",
        name="wagtail-tracking-usage",
        order=200,
    )


def backoffice_menu_item() -> AnalyticsMenuItem:
    return analytics_menu_item(
        _("Back office"),
        "wagtail_tracking_analytics:backoffice",
        name="wagtail-tracking-backoffice",
        order=100,
    )


def alerts_menu_item() -> AnalyticsMenuItem:
    return analytics_menu_item(
        _("Alerts"), "wagtail_tracking_alerts:index", name="wagtail-tracking-alerts", order=400
    )


def consent_menu_item() -> AnalyticsMenuItem:
    return analytics_menu_item(
        pgettext_lazy("analytics report", "Consent"),
        "wagtail_tracking_analytics:consent",
        name="wagtail-tracking-consent",
        order=300,
    )


class ReceiptsMenuItem(MenuItem):
    """Shown only to users who may look receipts up (not merely "Browse analytics")."""

    def is_shown(self, request: HttpRequest) -> bool:
        return user_can_view_receipts(request.user)


def receipts_menu_item() -> ReceiptsMenuItem:
    return ReceiptsMenuItem(
        _("Consent receipts"),
        reverse("wagtail_tracking_analytics:consent_receipts"),
        name="wagtail-tracking-consent-receipts",
        icon_name=ICON,
        order=310,
    )
