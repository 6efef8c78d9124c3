"""The dashboard's numbers from rollups equal the same numbers counted event by event."""

import datetime
import random
import threading
import zoneinfo
from collections import Counter, defaultdict

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageLogEntry

from wagtail_tracking.activity import disable_activity_capture, rollups
from wagtail_tracking.activity.actions import AUTH_ACTIONS
from wagtail_tracking.activity.backfill import backfill
from wagtail_tracking.activity.models import RollupSpan
from wagtail_tracking.activity.retention import prune
from wagtail_tracking.activity.rollup_blocks import prepare_rollups
from wagtail_tracking.activity.summary import ActivitySummary
from wagtail_tracking.models import (
    ActivityEvent,
    ActivityRollup,
    DailyActivityCount,
    ObjectActivityCount,
)
from wagtail_tracking.periods import Period, last_days


pytestmark = pytest.mark.django_db

OBJECT_TYPES = ["page", "page", "snippet", "image", "document", "user"]
ACTIONS = ["wagtail.edit", "wagtail.publish", "wagtail.create", "wagtail.delete"]


@pytest.fixture
def random_events(site, other_site, editor, analyst, admin_user):
    """~600 events from February 2026 (before and after daylight saving) to now."""
    ActivityEvent.objects.all().delete()
    chance = random.Random(20261121)
    users = [editor, analyst, admin_user, None]
    start = datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)
    span = (timezone.now() - start).total_seconds()
    events = []
    moments = [start + datetime.timedelta(seconds=chance.random() * span) for _ in range(560)]
    # Today and just around midnight, local time, where days are easy to get wrong.
    moments += [
        timezone.now() - datetime.timedelta(minutes=chance.randint(0, 600)) for _ in range(30)
    ]
    for second in range(5):  # distinct moments: ties have no meaningful order
        moments.append(datetime.datetime(2026, 3, 28, 22, 59, 50 + second, tzinfo=datetime.UTC))
        moments.append(datetime.datetime(2026, 3, 29, 21, 59, 50 + second, tzinfo=datetime.UTC))
    for moment in moments:
        user = chance.choice(users)
        object_id = str(chance.randint(1, 25)) if chance.random() > 0.05 else ""
        events.append(
            ActivityEvent(
                timestamp=moment,
                last_timestamp=moment,
                site=chance.choice([site, other_site, None]),
                user=user,
                user_name=user.get_username() if user else "",
                object_type=chance.choice(OBJECT_TYPES),
                content_type_id=chance.choice([1, 2, None]),
                object_id=object_id,
                object_title=f"Object {object_id}",
                action=chance.choice([*ACTIONS, "wagtail_tracking.login"]),
                source="admin",
            )
        )
    ActivityEvent.objects.bulk_create(events)
    return events


def counted_by_hand(events, period: Period, site_id=None) -> dict:
    """What the dashboard should show, from the events one by one."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def in_period(event, period):
        day = event.timestamp.astimezone(tz).date()
        return (
            period.start <= day <= period.end
            and event.action not in AUTH_ACTIONS
            and (site_id is None or event.site_id == site_id)
        )

    current = [event for event in events if in_period(event, period)]
    previous = [event for event in events if in_period(event, period.previous())]
    days = list(period.each_day())
    daily = defaultdict(lambda: [0] * len(days))
    weekdays = [0] * 7
    for event in current:
        day = event.timestamp.astimezone(tz).date()
        daily[event.object_type][days.index(day)] += 1
        if event.user_id is not None:
            weekdays[day.weekday()] += 1
    by_user = Counter(event.user_id for event in current if event.user_id is not None)
    previous_by_user = Counter(event.user_id for event in previous if event.user_id)
    objects = Counter()
    last = {}
    for event in current:
        if event.object_id:
            key = (event.object_type, event.content_type_id, event.object_id)
            objects[key] += 1
            last[key] = max(last.get(key, event.timestamp), event.timestamp)
    previous_objects = Counter(
        (event.content_type_id, event.object_id) for event in previous if event.object_id
    )

    def top(pages):
        keys = [key for key in objects if (key[0] == "page") == pages]
        keys.sort(key=lambda key: (-objects[key], -last[key].timestamp(), key[2]))
        return [(key, objects[key], previous_objects[key[1], key[2]]) for key in keys[:5]]

    return {
        "totals": (
            {"actions": len(current), "users": len(by_user), "objects": len(objects)},
            {
                "actions": len(previous),
                "users": len(previous_by_user),
                "objects": len(previous_objects),
            },
        ),
        "daily": dict(daily),
        "weekdays": weekdays,
        "by_action": sorted(
            Counter(event.action for event in current).items(), key=lambda i: (-i[1], i[0])
        ),
        "top_users": [
            (user, total, previous_by_user[user])
            for user, total in sorted(by_user.items(), key=lambda i: (-i[1], i[0]))[:5]
        ],
        "top_pages": top(True),
        "top_objects": top(False),
    }


def shown(summary: ActivitySummary) -> dict:
    def objects(rows):
        return [
            (
                (row["object_type"], row["content_type_id"], row["object_id"]),
                row["total"],
                row["previous"],
            )
            for row in rows
        ]

    return {
        "totals": summary.totals(),
        "daily": summary.daily_by_type(),
        "weekdays": summary.weekdays(),
        "by_action": summary.by_action(),
        "top_users": [
            (row["user_id"], row["total"], row["previous"]) for row in summary.top_users()
        ],
        "top_pages": objects(summary.top_objects(pages=True)),
        "top_objects": objects(summary.top_objects(pages=False)),
    }


PERIODS = [
    Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),  # a whole month, with DST
    Period(datetime.date(2026, 2, 20), datetime.date(2026, 6, 3)),  # months and days around
    Period(datetime.date(2026, 3, 29), datetime.date(2026, 3, 30)),  # DST day
]


@pytest.mark.parametrize("period", [*PERIODS, "last 14 days", "last 200 days"])
def test_summary_equals_counting_event_by_event(random_events, period):
    if isinstance(period, str):
        period = last_days(int(period.split()[1]))
    expected = counted_by_hand(random_events, period)
    assert shown(ActivitySummary(period)) == expected
    assert shown(ActivitySummary(period)) == expected  # built once, then read back


def test_site_filter(random_events, other_site):
    period = last_days(200)
    assert shown(ActivitySummary(period, site_id=other_site.pk)) == counted_by_hand(
        random_events, period, site_id=other_site.pk
    )


def test_finished_days_are_built_once_and_today_is_read_live(random_events, settings):
    settings.WAGTAIL_TRACKING = {
        "ACTIVITY_ROLLUP_REQUEST_SECONDS": 60
    }  # however loaded the machine
    period = last_days(60)
    ActivitySummary(period).totals()
    built = ActivityRollup.objects.count()
    finished = rollups.last_finished_day()
    first = period.previous().start
    days = ActivityRollup.objects.filter(counts="daily", span=RollupSpan.DAY)
    assert days.count() == (finished - first).days + 1  # every finished day's counts
    months = set(
        ActivityRollup.objects.filter(counts="objects", span=RollupSpan.MONTH).values_list(
            "start", flat=True
        )
    )
    assert months <= set(rollups.whole_months(first, finished))
    assert not ActivityRollup.objects.filter(start__gt=rollups.last_finished_day()).exists()
    with CaptureQueriesContext(connection) as queries:
        ActivitySummary(period).totals()
    assert not [query for query in queries if "INSERT" in query["sql"]]
    assert ActivityRollup.objects.count() == built
    # A new event today shows at once.
    before = ActivitySummary(period).totals()[0]["actions"]
    ActivityEvent.objects.create(object_type="page", action="wagtail.edit", source="admin")
    assert ActivitySummary(period).totals()[0]["actions"] == before + 1


def test_a_year_costs_the_same_number_of_queries_as_two_weeks(random_events, settings):
    settings.WAGTAIL_TRACKING = {"ACTIVITY_ROLLUP_REQUEST_SECONDS": 60}  # all built at once

    def queries_for(period):
        summary = ActivitySummary(period)  # builds what is missing
        summary = ActivitySummary(period)
        with CaptureQueriesContext(connection) as queries:
            shown(summary)
        return len(queries)

    assert queries_for(last_days(365)) == queries_for(last_days(14))


def test_grace_period_before_a_day_counts_as_finished():
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    midnight = datetime.datetime(2026, 11, 21, tzinfo=paris)
    assert rollups.last_finished_day(midnight + datetime.timedelta(minutes=5)) == datetime.date(
        2026, 11, 19
    )
    assert rollups.last_finished_day(midnight + datetime.timedelta(minutes=11)) == datetime.date(
        2026, 11, 20
    )


def test_prune_deletes_the_rollups_of_pruned_days(random_events):
    period = Period(datetime.date(2026, 2, 1), datetime.date(2026, 3, 31))
    assert ActivitySummary(period).totals()[0]["actions"] > 0
    prune(datetime.datetime(2026, 4, 1, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")))
    assert not DailyActivityCount.objects.filter(day__lte=datetime.date(2026, 3, 31)).exists()
    assert not ObjectActivityCount.objects.filter(start__lte=datetime.date(2026, 3, 31)).exists()
    assert ActivitySummary(period).totals()[0] == {"actions": 0, "users": 0, "objects": 0}


def test_backfilled_events_reach_built_days(home_page, admin_user):
    ActivityEvent.objects.all().delete()
    period = Period(datetime.date(2026, 5, 1), datetime.date(2026, 5, 31))
    assert ActivitySummary(period).totals()[0]["actions"] == 0  # builds May, empty
    with disable_activity_capture():
        PageLogEntry.objects.log_action(
            home_page,
            "wagtail.edit",
            user=admin_user,
            timestamp=datetime.datetime(2026, 5, 10, 12, tzinfo=datetime.UTC),
        )
    assert backfill() >= 1  # the fixtures left log entries too, of today
    assert ActivitySummary(period).totals()[0]["actions"] == 1


def test_a_new_time_zone_rebuilds_every_rollup(random_events, settings):
    period = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    ActivitySummary(period).totals()
    settings.TIME_ZONE = "Asia/Tokyo"
    expected = counted_by_hand(random_events, period)
    assert shown(ActivitySummary(period)) == expected
    assert set(ActivityRollup.objects.values_list("time_zone", flat=True)) == {"Asia/Tokyo"}


def test_command_builds_ahead_and_rebuilds(random_events):
    call_command("wagtail_tracking_rollup_activity", days=40, verbosity=0)
    assert ActivityRollup.objects.filter(counts="daily").count() == 40
    DailyActivityCount.objects.all().delete()  # damaged rollups
    call_command("wagtail_tracking_rollup_activity", days=40, rebuild=True, verbosity=0)
    period = last_days(30)
    assert shown(ActivitySummary(period)) == counted_by_hand(random_events, period)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_building_the_same_days_count_each_event_once(random_events):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: no race to test")
    period = Period(datetime.date(2026, 2, 1), datetime.date(2026, 6, 30))
    start = threading.Barrier(2)
    errors = []

    def build():
        try:
            start.wait()
            prepare_rollups((period.start, period.end))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=build) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert shown(ActivitySummary(period)) == counted_by_hand(random_events, period)


def test_days_are_the_sites_whatever_the_admin_users_time_zone(editor):
    """An admin who picked Tokyo for themselves still sees Paris days (the site's TIME_ZONE)."""
    sunday_night = datetime.datetime(2026, 1, 4, 23, 30, tzinfo=datetime.UTC)  # Monday in Paris
    ActivityEvent.objects.create(
        timestamp=sunday_night, last_timestamp=sunday_night, user=editor, object_type="page",
        action="wagtail.edit", source="admin",
    )  # fmt: skip
    period = Period(datetime.date(2026, 1, 1), datetime.date(2026, 1, 10))
    with timezone.override("Asia/Tokyo"):
        summary = ActivitySummary(period)
        assert summary.weekdays() == [1, 0, 0, 0, 0, 0, 0]
        assert last_days(14).end == timezone.localdate(
            timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE)
        )
