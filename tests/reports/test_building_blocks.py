import datetime

import pytest
from django.utils import translation

from wagtail_tracking.periods import Period
from wagtail_tracking.reports.charts import (
    BarChart,
    Series,
    TimeSeriesChart,
    axis_date,
    nice_ceiling,
    short_date,
)
from wagtail_tracking.reports.charts.plot import tick_values
from wagtail_tracking.reports.figures import percent_change
from wagtail_tracking.reports.filters import PERIOD_PARAMS, filter_query_string
from wagtail_tracking.reports.presets import preset_period
from wagtail_tracking.reports.spreadsheet import neutralise_formula


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [(0, 0, None), (5, 0, "new"), (0, 5, -100), (15, 10, 50), (10, 10, 0), (1, 3, -67)],
)
def test_percent_change(current, previous, expected):
    assert percent_change(current, previous) == expected


def test_previous_period_has_the_same_length():
    period = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 14))
    assert period.previous() == Period(datetime.date(2026, 2, 15), datetime.date(2026, 2, 28))
    assert preset_period("year", datetime.date(2026, 3, 5)).days == 64
    assert preset_period("nope") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1", "'+33 1"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (-5, -5),
        ("", ""),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 4), (3, 4), (5, 5), (7, 8), (11, 15), (50, 50), (101, 125), (240, 250), (4100, 5000)],
)
def test_nice_ceiling(value, expected):
    assert nice_ceiling(value) == expected


@pytest.mark.parametrize("value", [1, 5, 7, 11, 13, 37, 50, 99, 101, 240, 999, 4100, 123_456])
def test_scale_steps_are_whole_and_round(value):
    # Counts get whole-number ticks (never 12.5), in at most five round steps.
    ticks = tick_values(nice_ceiling(value))
    step = ticks[1] - ticks[0]
    assert all(isinstance(tick, int) for tick in ticks)
    assert ticks[-1] >= value and len(ticks) <= 6
    assert str(step).rstrip("0") in {"1", "2", "25", "5"}
    assert ticks == list(range(0, ticks[-1] + step, step))


def test_chart_geometry_and_table():
    days = [datetime.date(2026, 3, d) for d in (1, 2, 3)]
    chart = TimeSeriesChart(
        "c", "Title", days, [Series("a", "A", [0, 5, 10]), Series("b", "B", [1, 1, 1])]
    )
    assert chart.max_value == 10
    first, _, last = (tuple(map(float, p.split(","))) for p in chart.series[0].points.split())
    assert first == (chart.plot_left, chart.baseline)  # 0 sits on the baseline
    assert last == (chart.plot_right, 12)  # the maximum touches the top
    assert list(chart.rows)[1] == (days[1], [5, 1])
    assert not chart.is_empty
    single = TimeSeriesChart("d", "T", days[:1], [Series("a", "A", [0])])
    assert single.is_empty and single.series[0].points.count(",") == 1


def test_chart_dates_follow_the_active_language():
    day = datetime.date(2026, 11, 21)
    with translation.override("fr"):
        assert (short_date(day), axis_date(day)) == ("21/11/2026", "21 nov.")
    with translation.override("en"):
        assert (short_date(day), axis_date(day)) == ("11/21/2026", "Nov 21")


def test_bar_chart_axis_labels_are_compact_and_the_table_keeps_the_full_date():
    days = [datetime.date(2026, 11, d) for d in (20, 21)]
    with translation.override("fr"):
        chart = BarChart(
            "c",
            "Title",
            categories=[short_date(day) for day in days],
            axis_labels=[axis_date(day) for day in days],
            series=[Series("a", "A", [1, 2])],
        )
        table = str(chart.table_body_html)
    assert [label for _x, label in chart.x_labels] == ["20 nov.", "21 nov."]
    assert '<th scope="row">21/11/2026</th><td>2</td>' in table
    assert chart.series[0].bars[1].title == "A, 21/11/2026: 2"
    without = BarChart("d", "T", categories=["Mon", "Tue"], series=[Series("a", "A", [1, 2])])
    assert [label for _x, label in without.x_labels] == ["Mon", "Tue"]


def test_filter_query_string_keeps_the_named_filters_that_have_a_value(rf):
    request = rf.get("/", {"site": "2", "period": "7d", "date_from": "", "export": "csv"})
    assert filter_query_string(request, (*PERIOD_PARAMS, "site")) == "site=2&period=7d"
    assert filter_query_string(request, ()) == ""


@pytest.mark.parametrize(
    ("change", "shown"),
    [(12, "+12\xa0%"), (-7, "−7\xa0%"), (0, "0\xa0%"), ("new", "new")],
)
def test_change_reads_with_a_true_minus_and_a_no_break_space(change, shown):
    """A falling figure reads "−7 %" (U+2212), never with the integer's hyphen, in any language."""
    from django.template.loader import render_to_string

    html = render_to_string("wagtail_tracking/reports/components/change.html", {"change": change})
    assert shown in html.replace("&nbsp;", "\xa0")
    assert "-7" not in html
