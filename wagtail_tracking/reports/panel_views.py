"""The page usage panel's figures, fetched by the page editor once the panel connects.

Separate from ``panels`` because page models import that module while Django loads the models,
before admin views may be imported.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Page

from wagtail_tracking.usage.kinds import PAGE

from .panels import TEMPLATE, usage_panel_context
from .views import AnalyticsPermissionMixin


class UsagePanelView(AnalyticsPermissionMixin):
    """The body of ``panels.UsagePanel`` for one page: "Browse analytics" only."""

    def get(self, request: HttpRequest, page_id: int) -> HttpResponse:
        page = Page.objects.filter(pk=page_id).only("pk", "title").first()
        if page is None:
            raise Http404
        return render(request, TEMPLATE, usage_panel_context(PAGE, page))
