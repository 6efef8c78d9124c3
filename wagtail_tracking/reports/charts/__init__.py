"""Server-rendered SVG charts with the data table behind them.

The view builds a ``TimeSeriesChart`` or a ``BarChart``;
``wagtail_tracking/reports/components/chart.html`` and ``bar_chart.html`` draw them. No
JavaScript is needed to read them; the ``wt-chart`` Stimulus controller only lets legend
buttons show and hide series. Colours come from CSS custom properties, so the charts follow
Wagtail's light and dark themes; each series also has its own dash pattern, for readers who
cannot tell the colours apart.

* ``plot``: the plot's size and margins, the scale and its gridlines, the dates on the axis;
* ``series``: a series of values and what the chart draws of it (``Series``, ``Bar``);
* ``time_series``: lines over consecutive days; ``bars``: stacked or horizontal bars.
"""

from django import forms

from .bars import BarChart
from .plot import axis_date, axis_date_format, format_tick, nice_ceiling, short_date
from .series import Bar, Series
from .time_series import TimeSeriesChart


#: The charts' script (the ``wt-chart`` Stimulus controller) and stylesheet.
CHART_MEDIA = forms.Media(
    js=["wagtail_tracking/js/charts.js"],
    css={"all": ["wagtail_tracking/css/reports.css"]},
)

__all__ = [
    "CHART_MEDIA",
    "Bar",
    "BarChart",
    "Series",
    "TimeSeriesChart",
    "axis_date",
    "axis_date_format",
    "format_tick",
    "nice_ceiling",
    "short_date",
]
