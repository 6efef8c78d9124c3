"""Long periods are charted by week, then by month, so a chart's size stays bounded."""

import datetime

import pytest

from wagtail_tracking.periods import Period, buckets, grain, regroup


@pytest.mark.parametrize(
    ("days", "step", "most_points"), [(14, "day", 14), (92, "day", 92), (93, "week", 15),
                                      (731, "week", 106), (732, "month", 26), (1830, "month", 62)]
)  # fmt: skip
def test_the_step_keeps_charts_small(days, step, most_points):
    period = Period(
        datetime.date(2026, 1, 7), datetime.date(2026, 1, 7) + datetime.timedelta(days - 1)
    )
    assert grain(period) == step
    assert len(buckets(period)) <= most_points
    assert buckets(period)[0] == period.start  # the first step starts with the period
    daily = list(range(period.days))
    assert sum(regroup(daily, period)) == sum(daily)  # nothing lost nor counted twice


def test_weeks_start_on_monday_and_months_on_the_first():
    weeks = Period(datetime.date(2026, 1, 7), datetime.date(2026, 6, 30))  # a Wednesday
    assert buckets(weeks)[:3] == [datetime.date(2026, 1, 7), datetime.date(2026, 1, 12),
                                  datetime.date(2026, 1, 19)]  # fmt: skip
    months = Period(datetime.date(2023, 3, 15), datetime.date(2026, 1, 1))
    assert buckets(months)[:2] == [datetime.date(2023, 3, 15), datetime.date(2023, 4, 1)]
