"""Consent receipts in the admin: look one up by the ID the visitor quotes, list and export them.

Receipts are proof of consent, not analytics: they need their own permission ("Can look up and
export consent receipts"), which "Browse analytics" does not grant. A receipt shows exactly what
the banner said (its recorded version) and what the visitor chose, per tool.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from wagtail_tracking.consent.insights.models import ConsentReceipt
from wagtail_tracking.periods import Period, site_time_zone

from .access import user_can_view_receipts
from .filters import PERIOD_PARAMS, PeriodFilterSet
from .streamed_export import StreamedExportMixin
from .views import AnalyticsPermissionMixin, AnalyticsReportView


NAMESPACE = "wagtail_tracking_analytics"
NOT_HEX = re.compile(r"[^0-9a-f]")
EXPORT_FIELDS = [
    "receipt_id",
    "recorded_at",
    "site",
    "action",
    "changed",
    "choices",
    "language",
    "banner_version",
]


def normalise_receipt_id(text: str) -> str:
    """The ID as stored, from what a visitor quotes ("3F2A9C1B-…", with spaces or dashes)."""
    return NOT_HEX.sub("", (text or "").lower())[:32]


def period_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware start of the first day and of the day after the last, in the site's zone."""
    zone = site_time_zone()
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(period.end, datetime.time.min, tzinfo=zone)
    return start, end + datetime.timedelta(days=1)


def choices_text(choices: dict[str, bool]) -> str:
    accepted = pgettext("consent choice", "accepted")
    refused = pgettext("consent choice", "refused")
    return "; ".join(
        f"{slug}: {accepted if value else refused}" for slug, value in sorted(choices.items())
    )


class ReceiptFilterSet(PeriodFilterSet):
    class Meta(PeriodFilterSet.Meta):
        model = ConsentReceipt
        fields = []


class ReceiptPermissionMixin(AnalyticsPermissionMixin):
    def has_permission(self, user: Any) -> bool:
        return user_can_view_receipts(user)


class ReceiptListView(ReceiptPermissionMixin, StreamedExportMixin, AnalyticsReportView):
    """Receipts, newest first; the search box finds one by ID; exports stream the period."""

    page_title = _("Consent receipts")
    filterset_class = ReceiptFilterSet
    template_name = "wagtail_tracking/reports/usage.html"
    results_template_name = "wagtail_tracking/reports/receipts_results.html"
    index_url_name = f"{NAMESPACE}:consent_receipts"
    index_results_url_name = f"{NAMESPACE}:consent_receipts_results"
    export_filename = "consent-receipts"
    default_ordering = "-created_at"
    is_searchable = True
    paginate_by = 50
    list_export = EXPORT_FIELDS

    @property
    def has_period(self) -> bool:
        return any(self.request.GET.get(param) for param in PERIOD_PARAMS)

    def get_base_queryset(self) -> QuerySet[ConsentReceipt]:
        return ConsentReceipt.objects.select_related("site", "version")

    def search_queryset(self, queryset: QuerySet[ConsentReceipt]) -> QuerySet[ConsentReceipt]:
        if not self.is_searching:
            return queryset
        return queryset.filter(receipt_id=normalise_receipt_id(self.search_query))

    def filter_queryset(self, queryset: QuerySet[ConsentReceipt]) -> QuerySet[ConsentReceipt]:
        queryset = super().filter_queryset(queryset)
        if self.has_period:
            start, end = period_bounds(self.period)
            queryset = queryset.filter(created_at__gte=start, created_at__lt=end)
        return queryset

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["show_period"] = self.has_period
        return context

    @cached_property
    def columns(self) -> list[Column]:
        return [
            TitleColumn(
                "receipt_id",
                label=_("Receipt ID"),
                get_url=lambda r: reverse(f"{NAMESPACE}:consent_receipt", args=[r.receipt_id]),
            ),
            DateColumn("created_at", label=_("Recorded at"), sort_key="created_at"),
            Column("site", label=pgettext_lazy("analytics report", "Site")),
            Column(
                "action",
                label=pgettext_lazy("consent receipt", "Choice"),
                accessor="get_action_display",
            ),
            Column("choices", label=_("Per tool"), accessor=lambda r: choices_text(r.choices)),
        ]

    def export_rows(self, queryset: QuerySet[ConsentReceipt]) -> Iterator[dict[str, Any]]:
        for receipt in queryset.select_related("site", "version").iterator(chunk_size=2000):
            yield {
                "receipt_id": receipt.receipt_id,
                "recorded_at": receipt.created_at.isoformat(),
                "site": receipt.site.hostname,
                "action": receipt.action,
                "changed": receipt.changed,
                "choices": choices_text(receipt.choices),
                "language": receipt.version.language,
                "banner_version": receipt.version.digest,
            }


class ReceiptDetailView(ReceiptPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """One receipt: when, on which site, the choice per tool, and the banner exactly as shown."""

    template_name = "wagtail_tracking/reports/consent_receipt.html"
    header_icon = "wagtail-tracking-chart"

    @cached_property
    def receipt(self) -> ConsentReceipt:
        receipt_id = normalise_receipt_id(self.kwargs["receipt_id"])
        return get_object_or_404(
            ConsentReceipt.objects.select_related("site", "version"), receipt_id=receipt_id
        )

    def get_page_title(self) -> str:
        return str(_("Consent receipt %(id)s") % {"id": self.receipt.receipt_id})

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        # The header shows the last breadcrumb as the page's title: the receipt, under its list.
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAMESPACE}:consent_receipts"), "label": _("Consent receipts")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        snapshot = self.receipt.version.snapshot
        context["receipt"] = self.receipt
        context["snapshot"] = snapshot
        context["tools"] = [
            {**tool, "choice": self.receipt.choices.get(tool["slug"])}
            for tool in snapshot.get("tools", [])
        ]
        context["listing_url"] = reverse(f"{NAMESPACE}:consent_receipts")
        return context
