"""Registration only: each hook hands Wagtail something defined elsewhere in the package."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import apps
from django.contrib.auth.models import Permission
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import URLResolver, include, path
from wagtail import hooks

from wagtail_tracking.activity import actions as activity_actions
from wagtail_tracking.activity import bulk_actions
from wagtail_tracking.activity.permission_panel import PermissionChangesPanel
from wagtail_tracking.alerts import urls as alert_urls
from wagtail_tracking.alerts.account import AnalyticsEmailsPanel
from wagtail_tracking.alerts.home_panel import add_alerts_home_panel
from wagtail_tracking.reports import urls
from wagtail_tracking.reports.backoffice.home_panel import add_backoffice_home_panel
from wagtail_tracking.reports.consent_panel import add_consent_home_panel
from wagtail_tracking.reports.menu import (
    AnalyticsMenuItem,
    ReceiptsMenuItem,
    alerts_menu_item,
    analytics_submenu_item,
    backoffice_menu_item,
    consent_menu_item,
    receipts_menu_item,
    usage_menu_item,
)
from wagtail_tracking.usage.marks import count_page_views


if TYPE_CHECKING:
    from wagtail.admin.menu import SubmenuMenuItem
    from wagtail.admin.views.bulk_action import BulkAction
    from wagtail.models import Page


@hooks.register("register_permissions")
def register_analytics_permission() -> QuerySet[Permission]:
    return Permission.objects.filter(
        content_type__app_label="wagtail_tracking", codename="browse_analytics"
    )


# --- providers --------------------------------------------------------------------------------
@hooks.register("register_permissions")
def register_tracker_scripts_permission() -> QuerySet[Permission]:
    return Permission.objects.filter(
        content_type__app_label="wagtail_tracking", codename="upload_tracker_scripts"
    )


# --- activity: the back-office activity log ---


hooks.register("register_log_actions", activity_actions.register_log_actions)


@hooks.register("before_bulk_action")
def start_activity_batch(
    request: HttpRequest,
    action_type: str,
    objects: Sequence[Model],
    action_class_instance: BulkAction,
) -> None:
    bulk_actions.start_batch()


@hooks.register("after_bulk_action")
def record_bulk_action(
    request: HttpRequest,
    action_type: str,
    objects: Sequence[Model],
    action_class_instance: BulkAction,
) -> None:
    bulk_actions.finish_batch(
        action_type,
        objects,
        model=action_class_instance.model,
        form=getattr(action_class_instance, "cleaned_form", None),
        user=request.user,
    )


@hooks.register("before_delete_page")
def start_page_delete_batch(request: HttpRequest, page: Page) -> None:
    if request.method == "POST":
        bulk_actions.start_batch()


@hooks.register("after_delete_page")
def record_page_delete(request: HttpRequest, page: Page) -> None:
    bulk_actions.finish_batch()


# Registered last, so that it sees what the other permission panels saved.
@hooks.register("register_group_permission_panel", order=1000)
def register_permission_changes_panel() -> type[PermissionChangesPanel]:
    return PermissionChangesPanel


# wagtail-modeladmin (optional): each model it manages is an object type of the activity log.
if apps.is_installed("wagtail_modeladmin"):
    from wagtail_tracking.activity import modeladmin as activity_modeladmin

    hooks.register("register_wagtail_tracking_object_types", activity_modeladmin.object_types)


# --- usage: first-party usage metrics ---


# Order 100: wrapped inside Wagtail's own view-restriction check, so only served pages count.
hooks.register("on_serve_page", count_page_views, order=100)


@hooks.register("register_admin_menu_item")
def register_analytics_menu() -> SubmenuMenuItem:
    return analytics_submenu_item()


@hooks.register("register_wagtail_tracking_analytics_menu_item")
def register_usage_menu_item() -> AnalyticsMenuItem:
    return usage_menu_item()


@hooks.register("register_wagtail_tracking_analytics_menu_item")
def register_consent_menu_item() -> AnalyticsMenuItem:
    return consent_menu_item()


@hooks.register("register_wagtail_tracking_analytics_menu_item")
def register_receipts_menu_item() -> ReceiptsMenuItem:
    return receipts_menu_item()


@hooks.register("register_permissions")
def register_receipts_permission() -> QuerySet[Permission]:
    return Permission.objects.filter(
        content_type__app_label="wagtail_tracking", codename="view_consent_receipts"
    )


@hooks.register("register_admin_urls")
def register_analytics_urls() -> list[URLResolver]:
    return [
        # Before the reports' own "analytics/" include, whose patterns it does not overlap.
        path("analytics/alerts/", include(alert_urls)),
        path("analytics/", include(urls)),
    ]


@hooks.register("register_icons")
def register_analytics_icons(icons: list[str]) -> list[str]:
    return [*icons, "wagtail_tracking/icons/chart.svg"]


# --- backoffice: back-office analytics dashboard ---


@hooks.register("register_wagtail_tracking_analytics_menu_item")
def register_backoffice_menu_item() -> AnalyticsMenuItem:
    return backoffice_menu_item()


hooks.register("construct_homepage_panels", add_backoffice_home_panel)


# --- alerts: risky back-office activity, and the e-mails users ask for ---


@hooks.register("register_wagtail_tracking_analytics_menu_item")
def register_alerts_menu_item() -> AnalyticsMenuItem:
    return alerts_menu_item()


hooks.register("construct_homepage_panels", add_alerts_home_panel)


@hooks.register("register_account_settings_panel")
def register_analytics_emails_panel(
    request: HttpRequest, user: Model, profile: Model
) -> AnalyticsEmailsPanel:
    return AnalyticsEmailsPanel(request, user, profile)


hooks.register("construct_homepage_panels", add_consent_home_panel)
