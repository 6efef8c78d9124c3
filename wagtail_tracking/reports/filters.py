"""The period filter every analytics report starts from."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Site

from wagtail_tracking.periods import Period, site_today

from .presets import DEFAULT_DAYS, PRESETS, default_period, preset_period


MAX_PERIOD_DAYS = 366 * 5
#: The dates a report accepts: far enough to hold any history, never near ``date.min`` or
#: ``date.max`` (a previous period or a time zone shift there overflows).
EARLIEST_DAY = datetime.date(1970, 1, 1)
LATEST_DAY = datetime.date(2999, 12, 31)
#: The query parameters of the period filter, for links that carry it to another report.
PERIOD_PARAMS = ("period", "date_from", "date_to")


def filter_query_string(request: HttpRequest, params: Iterable[str]) -> str:
    """The request's non-empty values of these filters, as a query string.

    For links from one report to another that keep the period and filters the user chose.
    """
    params = set(params)
    query = request.GET
    return urlencode([(key, query[key]) for key in query if key in params and query[key]])


class PeriodFilterForm(forms.Form):
    """Rejects reversed, half-open beyond reason and overlong ranges with a readable error."""

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        dates = cleaned.get("date")
        if dates:
            message = _period_error(_as_date(dates.start), _as_date(dates.stop))
            if message:
                self.add_error("date", message)
        return cleaned


def _period_error(start: datetime.date | None, end: datetime.date | None) -> str | None:
    """What is wrong with these dates, or None. A start alone runs to today, so it is capped
    like a full range."""
    if start and end and start > end:
        return _("The start date must be on or before the end date.")
    if start and (max(end or site_today(), start) - start).days >= MAX_PERIOD_DAYS:
        return _("Choose a period of at most five years.")
    for day in (start, end):
        if day and not EARLIEST_DAY <= day <= LATEST_DAY:
            return _("Choose dates between the years %(first)s and %(last)s.") % {
                "first": EARLIEST_DAY.year,
                "last": LATEST_DAY.year,
            }
    return None


class PeriodFilterSet(WagtailFilterSet):
    """A preset or a date range, and a site. Subclasses add their own filters.

    The period never filters the queryset by itself (see ``period``): the report applies it,
    so that invalid dates fall back to the default period instead of to "everything".
    """

    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=list(PRESETS.items()),
        empty_label=_("Last 14 days"),
        method="filter_nothing",
    )
    date = django_filters.DateFromToRangeFilter(
        label=_("Dates"),
        widget=DateRangePickerWidget,
        method="filter_nothing",
        help_text=_("Overrides the period when set."),
    )
    site = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("analytics report", "Site"),
        queryset=Site.objects.all().order_by("site_name", "hostname"),
        empty_label=pgettext_lazy("analytics report", "All sites"),
    )

    class Meta:
        form = PeriodFilterForm
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if Site.objects.count() < 2 and not self.data.get("site"):
            del self.filters["site"]  # nothing to choose on a single-site install
            self.form.fields.pop("site", None)

    def filter_nothing(self, queryset: QuerySet[Any], name: str, value: object) -> QuerySet[Any]:
        return queryset

    def get_period(self, today: datetime.date | None = None) -> Period:
        """The period asked for, or the default period when the dates are missing or invalid."""
        self.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        dates = cleaned.get("date")
        if dates and "date" not in self.form.errors:
            period = _date_range(_as_date(dates.start), _as_date(dates.stop), today)
            if period:
                return period
        return preset_period(cleaned.get("period") or "", today) or default_period(today)


def _date_range(
    start: datetime.date | None, end: datetime.date | None, today: datetime.date | None
) -> Period | None:
    """The dates picked; one left empty runs to today (or the start), or two weeks back."""
    if end is None:
        if start is None:
            return None
        end = max(start, today or site_today())
    if start is None:
        start = end - datetime.timedelta(days=DEFAULT_DAYS - 1)
    return Period(start, end)


def _as_date(value: datetime.date | None) -> datetime.date | None:
    """django-filter widens a date range to aware datetimes (start and end of day)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
