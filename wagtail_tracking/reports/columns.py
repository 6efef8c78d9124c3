"""Listing columns shared by the reports."""

from django.contrib.humanize.templatetags.humanize import intcomma
from wagtail.admin.ui.tables import Column


class NumberColumn(Column):
    """A count shown with locale-aware thousands separators.

    Wagtail 7.4+ ships the same column; this copy keeps the reports working on Wagtail 7.0.
    """

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = intcomma(self.get_value(instance))
        return context
