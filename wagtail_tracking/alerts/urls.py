"""Admin URLs of the alerts, mounted under ``/admin/analytics/alerts/``."""

from django.urls import path

from .views import AcknowledgeView, AlertListView


app_name = "wagtail_tracking_alerts"

urlpatterns = [
    path("", AlertListView.as_view(), name="index"),
    path("results/", AlertListView.as_view(results_only=True), name="index_results"),
    path("<int:pk>/acknowledge/", AcknowledgeView.as_view(), name="acknowledge"),
]
