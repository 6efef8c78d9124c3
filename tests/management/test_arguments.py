"""Every command refuses out-of-range and malformed arguments with a message, not a traceback."""

import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from wagtail_tracking.models import ActivityEvent


pytestmark = pytest.mark.django_db

HUGE = str(10**30)

BAD_ARGUMENTS = [
    ("wagtail_tracking_prune_activity", ["--months", "99999"], "from 1 to 1200"),
    ("wagtail_tracking_prune_activity", ["--months", "0"], "from 1 to 1200"),
    ("wagtail_tracking_prune_activity", ["--batch-size", HUGE], "from 1 to 100000"),
    ("wagtail_tracking_prune_activity", ["--months", "twelve"], "not a whole number"),
    ("wagtail_tracking_prune_usage", ["--days", HUGE], "from 0 to 36600"),
    ("wagtail_tracking_prune_usage", ["--days", "-1"], "from 0 to 36600"),
    ("wagtail_tracking_prune_usage", ["--batch-size", "0"], "from 1 to 100000"),
    ("wagtail_tracking_anonymise_activity", ["--days", HUGE], "from 1 to 36600"),
    ("wagtail_tracking_anonymise_activity", ["--days", "99999999"], "from 1 to 36600"),
    ("wagtail_tracking_anonymise_activity", ["--batch-size", "-5"], "from 1 to 100000"),
    ("wagtail_tracking_rollup_activity", ["--days", HUGE], "from 1 to 3660"),
    ("wagtail_tracking_rollup_activity", ["--days", "99999"], "from 1 to 3660"),
    ("wagtail_tracking_backfill_activity", ["--since", "2026-02-30"], "not a date"),
    ("wagtail_tracking_backfill_activity", ["--since", "0001-01-01"], "from 1970-01-01"),
    ("wagtail_tracking_backfill_activity", ["--since", "9999-12-31"], "to 2999-12-31"),
    ("wagtail_tracking_backfill_activity", ["--since", "\x00"], "not a date"),
    ("wagtail_tracking_backfill_activity", ["--batch-size", HUGE], "from 1 to 100000"),
]


@pytest.mark.parametrize(("command", "arguments", "message"), BAD_ARGUMENTS)
def test_bad_arguments_are_refused_with_a_message(command, arguments, message):
    ActivityEvent.objects.create(object_type="page", action="wagtail.edit")
    with pytest.raises(CommandError, match=message):
        call_command(command, *arguments)
    assert ActivityEvent.objects.count() == 1  # nothing changed


def test_on_the_command_line_the_message_replaces_the_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "django", "wagtail_tracking_prune_activity", "--months", "99999"],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": "."},
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "99999 is out of range: give a number from 1 to 1200." in result.stderr


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        ("wagtail_tracking_prune_activity", ["--months", "1200", "--dry-run"]),
        ("wagtail_tracking_prune_usage", ["--days", "36600", "--batch-size", "100000"]),
        ("wagtail_tracking_anonymise_activity", ["--days", "36600"]),
        ("wagtail_tracking_backfill_activity", ["--since", "1970-01-01"]),
        ("wagtail_tracking_rollup_activity", ["--days", "3660"]),
    ],
)
def test_the_largest_accepted_values_run(command, arguments):
    call_command(command, *arguments, verbosity=0)
