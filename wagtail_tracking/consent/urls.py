"""Public URLs of the consent banner: include them for consent statistics and receipts::

    path("wagtail-tracking/", include("wagtail_tracking.consent.urls")),

before Wagtail's catch-all ``include(wagtail_urls)``.
"""

from django.urls import path

from .banner import BEACON_URL_NAME
from .insights.views import beacon


urlpatterns = [path("consent/", beacon, name=BEACON_URL_NAME)]
