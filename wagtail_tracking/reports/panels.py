"""The 30-day usage panels on a page's and a document's edit screens.

Wagtail has no hook to add to the page editor's side panels (wagtail/wagtail#12179) nor to the
document edit screen, so each panel goes through the public customisation point of its screen:
``UsagePanel`` in a page model's panel lists (added to every page model's Promote tab at start-up
unless ``USAGE_PAGE_PANEL`` is False), and ``document_form.DocumentUsageForm`` as
``WAGTAILDOCS_DOCUMENT_FORM_BASE``. Only users with
"Browse analytics" see them (the panel links into the Usage report, and the counts come from the
same data); for others nothing is queried.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import Panel
from wagtail.models import Page, get_page_models

from wagtail_tracking.periods import last_days
from wagtail_tracking.usage.models import Audience, UsageKind
from wagtail_tracking.usage.queries import object_usage

from .charts import Series, TimeSeriesChart
from .figures import KeyFigure


PANEL_DAYS = 30
TEMPLATE = "wagtail_tracking/reports/components/usage_panel.html"


def _heading() -> str:
    return ngettext("Usage over the last day", "Usage over the last %(days)s days", PANEL_DAYS) % {
        "days": PANEL_DAYS
    }


# Lazy: the panels are built when the models load, before any request picks a language.
HEADING = lazy(_heading, str)()
REPORT_URL_NAMES = {
    UsageKind.PAGE: "wagtail_tracking_analytics:usage_pages",
    UsageKind.DOCUMENT: "wagtail_tracking_analytics:usage_documents",
}


def can_see_usage(user) -> bool:
    # Imported here: page models import this module while Django loads the models.
    from .views import user_can_browse_analytics

    return user_can_browse_analytics(user)


def chart_media():
    from .views import CHART_MEDIA

    return CHART_MEDIA


def usage_panel_context(kind: str, obj) -> dict:
    """What both panels show: the last 30 days, the change, the audiences and a sparkline."""
    period = last_days(PANEL_DAYS)
    usage = object_usage(kind, obj.pk, period)
    label = _("Views") if kind == UsageKind.PAGE else _("Downloads")
    # The report lists objects by title (no per-object filter): search it for this one.
    query = urlencode({"period": f"{PANEL_DAYS}d", "q": obj.title})
    return {
        "panel_days": PANEL_DAYS,
        "figure": KeyFigure(str(label), usage["total"], usage["previous"]),
        "audiences": [
            (audience.label, usage["by_audience"].get(audience.value, 0)) for audience in Audience
        ],
        "chart": TimeSeriesChart(
            chart_id=f"wt-usage-{kind}-{obj.pk}",
            title=str(label),
            days=list(period.each_day()),
            series=[Series(kind, str(label), usage["daily"])],
            height=120,
        ),
        "kind": kind,
        "report_url": f"{reverse(REPORT_URL_NAMES[kind])}?{query}",
    }


class UsagePanel(Panel):
    """The page's views over the last 30 days, for a page model's panel lists."""

    def __init__(self, heading=HEADING, icon="wagtail-tracking-chart", **kwargs):
        super().__init__(heading=heading, icon=icon, **kwargs)

    def on_model_bound(self):
        if not issubclass(self.model, Page):
            raise ImproperlyConfigured(
                f"UsagePanel counts page views; {self.model.__name__} is not a page model."
            )

    class BoundPanel(Panel.BoundPanel):
        template_name = TEMPLATE

        def is_shown(self):
            # Not on the create view (no page yet), nor for users without the permission.
            return bool(
                self.instance is not None
                and self.instance.pk
                and self.request is not None
                and can_see_usage(self.request.user)
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(usage_panel_context(UsageKind.PAGE, self.instance))
            return context

        @property
        def media(self):
            return chart_media()


def add_usage_panel_to_page_models() -> None:
    """Append ``UsagePanel`` to the Promote tab of every page model that has none.

    Runs at start-up, before Wagtail builds (and caches) the edit handlers from the panel lists.
    A model with its own ``edit_handler`` is left alone: the site places the panel in it.
    """
    for model in get_page_models():
        if hasattr(model, "edit_handler") or _has_usage_panel(model.promote_panels):
            continue
        model.promote_panels = [*model.promote_panels, UsagePanel()]


def _has_usage_panel(panels) -> bool:
    return any(
        isinstance(panel, UsagePanel) or _has_usage_panel(getattr(panel, "children", ()))
        for panel in panels
    )
