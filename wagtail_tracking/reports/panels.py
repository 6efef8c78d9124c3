"""The 30-day usage panels on a page's and a document's edit screens.

Wagtail has no hook to add to the page editor's side panels (wagtail/wagtail#12179) nor to the
document edit screen, so each panel goes through the public customisation point of its screen:
``UsagePanel`` in a page model's panel lists (added to every page model's Promote tab at start-up
unless ``USAGE_PAGE_PANEL`` is False), and ``document_form.DocumentUsageForm`` as
``WAGTAILDOCS_DOCUMENT_FORM_BASE``. Only users with
"Browse analytics" see them (the panel links into the Usage report, and the counts come from the
same data); for others nothing is queried. The page panel loads its figures after the editor
has rendered (Wagtail's ``w-swap`` fetches ``UsagePanelView``): the edit view itself makes no
query for it, whoever the user. What each shows of its kind (the figure's label, the
report list it links to) comes from the kind's declaration in ``usage.kinds``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.http import urlencode
from django.utils.translation import ngettext
from wagtail.admin.panels import Panel
from wagtail.models import Page, get_page_models

from wagtail_tracking.periods import last_days
from wagtail_tracking.types import TemplateContext
from wagtail_tracking.usage.kinds import UsageKind
from wagtail_tracking.usage.models import Audience
from wagtail_tracking.usage.queries import object_usage

from .access import user_can_browse_analytics
from .charts import CHART_MEDIA, Series, TimeSeriesChart
from .figures import KeyFigure


PANEL_DAYS = 30
TEMPLATE = "wagtail_tracking/reports/components/usage_panel.html"
LAZY_TEMPLATE = "wagtail_tracking/reports/components/usage_panel_lazy.html"


def _heading() -> str:
    return ngettext("Usage over the last day", "Usage over the last %(days)s days", PANEL_DAYS) % {
        "days": PANEL_DAYS
    }


# Lazy: the panels are built when the models load, before any request picks a language.
HEADING = lazy(_heading, str)()


def usage_panel_context(kind: UsageKind, obj: Model) -> dict[str, Any]:
    """What both panels show: the last 30 days, the change, the audiences and a sparkline."""
    if kind.panel_label is None or kind.objects is None:
        raise ImproperlyConfigured(f"The {kind.value!r} kind of usage declares no panel.")
    period = last_days(PANEL_DAYS)
    usage = object_usage(kind.value, obj.pk, period)
    label = str(kind.panel_label)
    # The report lists objects by title (no per-object filter): search it for this one.
    query = urlencode({"period": f"{PANEL_DAYS}d", "q": getattr(obj, "title", "")})
    report_url = reverse(f"wagtail_tracking_analytics:{kind.listing.url_name}")
    return {
        "panel_days": PANEL_DAYS,
        "figure": KeyFigure(label, usage["total"], usage["previous"]),
        "audiences": [
            (audience.label, usage["by_audience"].get(audience.value, 0)) for audience in Audience
        ],
        "chart": TimeSeriesChart(
            chart_id=f"wt-usage-{kind.value}-{obj.pk}",
            title=label,
            days=list(period.each_day()),
            series=[Series(kind.value, label, usage["daily"])],
            height=120,
        ),
        "kind": kind.value,
        "report_url": f"{report_url}?{query}",
    }


class UsagePanel(Panel):
    """The page's views over the last 30 days, for a page model's panel lists."""

    def __init__(
        self, heading: str = HEADING, icon: str = "wagtail-tracking-chart", **kwargs: Any
    ) -> None:
        super().__init__(heading=heading, icon=icon, **kwargs)

    def on_model_bound(self) -> None:
        if not issubclass(self.model, Page):
            raise ImproperlyConfigured(
                f"UsagePanel counts page views; {self.model.__name__} is not a page model."
            )

    class BoundPanel(Panel.BoundPanel):
        template_name = LAZY_TEMPLATE

        def is_shown(self) -> bool:
            # Not on the create view (no page yet), nor for users without the permission.
            return bool(
                self.instance is not None
                and self.instance.pk
                and self.request is not None
                and user_can_browse_analytics(self.request.user)
            )

        def get_context_data(self, parent_context: TemplateContext | None = None) -> Any:
            context = super().get_context_data(parent_context)
            context["panel_id"] = f"wt-usage-panel-page-{self.instance.pk}"
            context["panel_url"] = reverse(
                "wagtail_tracking_analytics:usage_page_panel", args=[self.instance.pk]
            )
            return context

        @property
        def media(self) -> forms.Media:
            return CHART_MEDIA


def add_usage_panel_to_page_models() -> None:
    """Append ``UsagePanel`` to the Promote tab of every page model that has none.

    Runs at start-up, before Wagtail builds (and caches) the edit handlers from the panel lists.
    A model with its own ``edit_handler`` is left alone: the site places the panel in it.
    """
    for model in get_page_models():
        if hasattr(model, "edit_handler") or _has_usage_panel(model.promote_panels):
            continue
        model.promote_panels = [*model.promote_panels, UsagePanel()]


def _has_usage_panel(panels: Sequence[Any]) -> bool:
    return any(
        isinstance(panel, UsagePanel) or _has_usage_panel(getattr(panel, "children", ()))
        for panel in panels
    )
