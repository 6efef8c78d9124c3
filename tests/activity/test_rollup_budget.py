"""A report request builds only what fits its budget; the rest is read live, or said to be pending."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.activity import test_rollups as base
from wagtail_tracking.activity import summary as summary_module
from wagtail_tracking.activity import tasks
from wagtail_tracking.activity.rollup_blocks import Budget, prepare_rollups
from wagtail_tracking.activity.rollups import forget_rollups, last_finished_day
from wagtail_tracking.activity.summary import ActivitySummary
from wagtail_tracking.models import ActivityRollup
from wagtail_tracking.periods import Period, last_days


pytestmark = pytest.mark.django_db

random_events = base.random_events
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def no_request_budget(settings):
    settings.WAGTAIL_TRACKING = {"ACTIVITY_ROLLUP_REQUEST_SECONDS": 0}


def test_without_budget_nothing_is_built_and_the_days_are_read_live(
    random_events, no_request_budget
):
    period = last_days(200)
    summary = ActivitySummary(period)
    assert not ActivityRollup.objects.exists()
    assert summary.preparing_before is None
    assert base.shown(summary) == base.counted_by_hand(random_events, period)


def test_blocks_are_built_newest_first_and_read_as_a_tail(random_events):
    period = Period(datetime.date(2026, 2, 10), datetime.date(2026, 6, 20))
    window = (period.start, period.end)
    readiness = prepare_rollups(window, budget=Budget(seconds=60, max_events=10**6))
    assert readiness.complete
    forget_rollups(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))  # a hole in the middle
    # Every block is too big for this budget: the hole stays, the rollups are read after it.
    readiness = prepare_rollups(window, budget=Budget(seconds=60, max_events=0))
    assert not readiness.complete
    assert readiness.complete_from[window] == datetime.date(2026, 5, 1)
    assert base.shown(ActivitySummary(period)) == base.counted_by_hand(random_events, period)


def test_too_much_to_read_live_says_older_figures_are_being_prepared(
    random_events, no_request_budget, monkeypatch, admin_client
):
    monkeypatch.setattr(summary_module, "LIVE_READ_LIMIT", 1)
    period = Period(datetime.date(2026, 2, 1), last_finished_day())
    summary = ActivitySummary(period)
    assert summary.preparing_before == last_finished_day() + datetime.timedelta(days=1)
    url = reverse("wagtail_tracking_analytics:backoffice")
    response = admin_client.get(f"{url}?date_from={period.start}&date_to={period.end}")
    assert b"Older activity is still being summarised" in response.content
    assert b"help-warning" in response.content


def test_a_worker_gets_one_task_per_window_and_builds_it(
    random_events, no_request_budget, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    cache.clear()
    backend = tasks.build_activity_rollups_task.get_backend()
    if not hasattr(backend, "clear"):  # django-tasks < 0.8 (Wagtail 7.0) keeps its first backend
        pytest.skip("this django-tasks does not reload its backends when TASKS changes")
    backend.clear()
    period = last_days(60)
    with django_capture_on_commit_callbacks(execute=True):
        ActivitySummary(period)
        ActivitySummary(period)  # already pending: not enqueued again
    assert len(backend.results) == 1
    windows = backend.results[0].args[0]
    assert tasks.build_activity_rollups_task.call(windows) is True
    assert ActivitySummary(period).preparing_before is None
    assert prepare_rollups(*[tuple(map(datetime.date.fromisoformat, w)) for w in windows]).complete


def test_the_immediate_backend_is_never_used_inside_a_request(random_events, no_request_budget):
    # Wagtail's default backend would build everything inline: nothing is enqueued then.
    assert tasks.schedule_rollups([(datetime.date(2026, 2, 1), datetime.date(2026, 3, 1))]) is False
    assert not ActivityRollup.objects.exists()
