import os

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = []
if os.environ.get("WAGTAIL_TRACKING_TEST_SCENARIOS") == "1":
    from django.conf import settings
    from django.views.static import serve

    from tests.testapp.scenarios import apply_scenario

    urlpatterns.append(path("__scenario__/<str:name>/", apply_scenario))
    # Uploaded vendor scripts (xtcore.js…), as the site's web server would serve them.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))

urlpatterns += [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("wagtail-tracking/", include("wagtail_tracking.consent.urls")),
    path("", include(wagtail_urls)),
]
