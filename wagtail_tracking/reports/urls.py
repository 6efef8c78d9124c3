"""Admin URLs of the Analytics menu, mounted under ``/admin/analytics/``."""

from django.urls import path

from . import activity_log, backoffice, usage


app_name = "wagtail_tracking_analytics"


def report(route: str, view, name: str) -> list:
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
    *report("back-office/", backoffice.BackofficeReportView, "backoffice"),
    *report("back-office/users/", backoffice.UserActivityRankingView, "backoffice_users"),
    *report("back-office/pages/", backoffice.PageActivityRankingView, "backoffice_pages"),
    *report("back-office/objects/", backoffice.ObjectActivityRankingView, "backoffice_objects"),
    *report("back-office/users/<int:user_id>/", activity_log.UserActivityView, "backoffice_user"),
    *report(
        "back-office/objects/<int:content_type_id>/<str:object_id>/",
        activity_log.ObjectHistoryView,
        "backoffice_object",
    ),
    *report("back-office/log/", activity_log.SourceDataView, "backoffice_events"),
    path(
        "back-office/log/<int:pk>/",
        activity_log.EventInspectView.as_view(),
        name="backoffice_event",
    ),
]
