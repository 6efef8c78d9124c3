"""Listing columns shared by the reports."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from wagtail.admin.ui.tables import Column


class NumberColumn(Column):
    """A count shown with locale-aware thousands separators.

    Wagtail 7.4+ ships the same column; this copy keeps the reports working on Wagtail 7.0.
    """

    def get_cell_context_data(
        self, instance: Any, parent_context: Mapping[str, Any]
    ) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        context["value"] = intcomma(self.get_value(instance))
        return context


class LinkColumn(Column):
    """A plain link (or plain text when there is no URL): for secondary links in a row.

    ``TitleColumn`` marks a row's title; a listing has one.
    """

    cell_template_name = "wagtail_tracking/reports/components/link_cell.html"

    def __init__(
        self, name: str, get_url: Callable[[Any], str | None] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(name, **kwargs)
        self._get_url = get_url

    def get_cell_context_data(
        self, instance: Any, parent_context: Mapping[str, Any]
    ) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        context["link_url"] = self._get_url(instance) if self._get_url else None
        return context
