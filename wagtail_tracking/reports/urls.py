"""Admin URLs of the Analytics menu, mounted under ``/admin/analytics/``."""

from django.urls import URLPattern, path
from django.views import View

from . import consent, panel_views, receipts, usage
from .backoffice import activity_log, dashboard, drill_downs, event_inspect, rankings


app_name = "wagtail_tracking_analytics"


def report(route: str, view: type[View], name: str) -> list[URLPattern]:
    """The report and its AJAX results twin, as every Wagtail report has since 6.2."""
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


urlpatterns = [
    *report("usage/", usage.UsageReportView, "usage"),
    *(  # one "Show more" list per kind of usage
        pattern
        for kind, view in usage.LISTING_VIEWS.items()
        for pattern in report(f"usage/{kind.listing.path}", view, kind.listing.url_name)
    ),
    *report("usage/referrers/", usage.ReferrerUsageView, "usage_referrers"),
    path(
        "usage/panel/page/<int:page_id>/",
        panel_views.UsagePanelView.as_view(),
        name="usage_page_panel",
    ),
    *report("consent/", consent.ConsentReportView, "consent"),
    *report("consent/receipts/", receipts.ReceiptListView, "consent_receipts"),
    path(
        "consent/receipts/<str:receipt_id>/",
        receipts.ReceiptDetailView.as_view(),
        name="consent_receipt",
    ),
    *report("back-office/", dashboard.BackofficeReportView, "backoffice"),
    *report("back-office/users/", rankings.UserActivityRankingView, "backoffice_users"),
    *report("back-office/pages/", rankings.PageActivityRankingView, "backoffice_pages"),
    *report("back-office/objects/", rankings.ObjectActivityRankingView, "backoffice_objects"),
    *report("back-office/users/<int:user_id>/", drill_downs.UserActivityView, "backoffice_user"),
    *report(
        "back-office/objects/<int:content_type_id>/<str:object_id>/",
        drill_downs.ObjectHistoryView,
        "backoffice_object",
    ),
    *report("back-office/log/", activity_log.ActivityLogView, "backoffice_events"),
    path(
        "back-office/log/<int:pk>/",
        event_inspect.EventInspectView.as_view(),
        name="backoffice_event",
    ),
]
