"""The test URLs plus Wagtail 8's REST API v3 (a preview API; absent from Wagtail 7)."""

from django.urls import path

from tests.urls import urlpatterns as base_urlpatterns


try:
    from wagtail.api.v3.urls import api as v3_api
except ImportError:  # Wagtail 7
    urlpatterns = base_urlpatterns
else:
    urlpatterns = [path("api/v3/", v3_api.urls), *base_urlpatterns]
