"""Backfill, prune, anonymise and erase, as an operator runs them."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.log_actions import LogContext, log
from wagtail.models import ModelLogEntry, PageLogEntry

from tests.activity.utils import AUTOSAVE, requires_autosave
from tests.testapp.models import Author
from wagtail_tracking.activity import disable_activity_capture
from wagtail_tracking.activity.retention import is_pseudonym, months_before, pseudonym
from wagtail_tracking.models import ActivityEvent


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_log(db):
    """Start from an empty activity log (shared fixtures record their own setup)."""
    ActivityEvent.objects.all().delete()


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


# --- backfill ---------------------------------------------------------------------------------


@pytest.fixture
def history(page, admin_user, editor):
    """Wagtail log entries written while capture was off (before the plugin was installed)."""
    with disable_activity_capture(), LogContext(user=editor):
        revision = page.save_revision(user=editor, log_action=True)
        for _ in range(3 if AUTOSAVE else 0):  # an autosave burst: the same revision saved over
            page.save_revision(user=editor, log_action=True, overwrite_revision=revision)
        revision.publish(user=admin_user)
        author = Author.objects.create(name="Grace")
        log(author, "wagtail.create", user=editor)
    ActivityEvent.objects.all().delete()
    return page, author


def test_backfill_imports_each_log_entry_once(history):
    page, author = history
    entries = PageLogEntry.objects.count() + ModelLogEntry.objects.count()
    output = run("wagtail_tracking_backfill_activity")
    events = list(ActivityEvent.objects.order_by("timestamp", "pk"))
    # The four edits of one revision are one event repeated four times.
    burst = [e for e in events if e.action == "wagtail.edit" and e.user_name == "editor"]
    assert len(burst) == 1 and burst[0].repeat_count == (4 if AUTOSAVE else 1)
    assert sum(e.repeat_count for e in events) == entries
    assert f"Imported {len(events)}" in output
    snippet = ActivityEvent.objects.get(object_type="snippet")
    assert (snippet.action, snippet.object_id, snippet.user_name, snippet.source) == (
        "wagtail.create",
        str(author.pk),
        "editor",
        "admin",
    )
    published = ActivityEvent.objects.filter(action="wagtail.publish")
    assert {(e.page_id, e.site_id is not None) for e in published} == {(page.pk, True)}

    # Running it again, or after live capture resumed, adds nothing.
    assert "Imported 0" in run("wagtail_tracking_backfill_activity")
    assert ActivityEvent.objects.count() == len(events)


@requires_autosave
def test_backfill_skips_what_live_capture_recorded(page, admin_user):
    with LogContext(user=admin_user):
        revision = page.save_revision(user=admin_user, log_action=True)
        page.save_revision(user=admin_user, log_action=True, overwrite_revision=revision)
    assert ActivityEvent.objects.get(action="wagtail.edit").repeat_count == 2
    assert "Imported 0" in run("wagtail_tracking_backfill_activity")


def test_backfill_since_and_bad_dates(history):
    assert "Imported 0" in run("wagtail_tracking_backfill_activity", "--since", "2999-01-01")
    with pytest.raises(CommandError, match="not a date like 2026-01-31"):
        run("wagtail_tracking_backfill_activity", "--since", "yesterday")


# --- prune ------------------------------------------------------------------------------------


def make_event(days_ago, **fields):
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    defaults = {"object_type": "page", "action": "wagtail.edit", "source": "admin"}
    return ActivityEvent.objects.create(
        timestamp=moment, last_timestamp=moment, **{**defaults, **fields}
    )


def test_prune_deletes_in_batches_what_is_older_than_the_retention():
    old = [make_event(800 + i) for i in range(5)]
    recent = make_event(700)
    output = run("wagtail_tracking_prune_activity", "--batch-size", "2")
    assert "Deleted 5" in output
    assert list(ActivityEvent.objects.all()) == [recent]
    assert not ActivityEvent.objects.filter(pk__in=[e.pk for e in old]).exists()


def test_prune_dry_run_and_custom_months(settings):
    make_event(40)
    assert "Would delete 1" in run("wagtail_tracking_prune_activity", "--months", "1", "--dry-run")
    assert ActivityEvent.objects.count() == 1
    settings.WAGTAIL_TRACKING = {"ACTIVITY_RETENTION_MONTHS": None}
    assert "kept forever" in run("wagtail_tracking_prune_activity")
    with pytest.raises(CommandError):
        run("wagtail_tracking_prune_activity", "--months", "0")


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.datetime(2026, 3, 31, 12), 1, datetime.datetime(2026, 2, 28, 12)),
        (datetime.datetime(2026, 1, 15), 25, datetime.datetime(2023, 12, 15)),
        (datetime.datetime(2024, 2, 29), 12, datetime.datetime(2023, 2, 28)),
    ],
)
def test_months_before(moment, months, expected):
    assert months_before(moment, months) == expected


# --- anonymise and erase ----------------------------------------------------------------------


def test_anonymise_replaces_names_with_stable_pseudonyms_after_the_configured_age(settings, editor):
    settings.WAGTAIL_TRACKING = {"ACTIVITY_ANONYMISE_AFTER_DAYS": 90}
    old = make_event(100, user_id=editor.pk, user_name="editor")
    old_user_edit = make_event(
        120,
        object_type="user",
        affected_user_id=editor.pk,
        affected_username="editor",
        object_title="editor",
        diff={"changed": {"email": ["a@example.com", "b@example.com"]}},
    )
    recent = make_event(10, user_id=editor.pk, user_name="editor")
    run("wagtail_tracking_anonymise_activity")
    old.refresh_from_db(), old_user_edit.refresh_from_db(), recent.refresh_from_db()
    assert old.user_name == pseudonym(user_id=editor.pk) and is_pseudonym(old.user_name)
    assert old_user_edit.affected_username == old.user_name == old_user_edit.object_title
    assert old_user_edit.diff == {"changed": {"email": ["***", "***"]}}
    assert recent.user_name == "editor"
    # Running it again changes nothing: the pseudonym is stable.
    assert "Anonymised 0" in run("wagtail_tracking_anonymise_activity")


def test_erasure_of_a_deleted_user_drops_their_name_everywhere(editor, page, admin_user):
    with LogContext(user=editor):
        page.save_revision(user=editor, log_action=True)
    failed = make_event(
        1, object_type="user", action="wagtail_tracking.login_failed", affected_username="editor"
    )
    other = make_event(1, user_id=admin_user.pk, user_name="admin")
    editor_id = editor.pk
    editor.delete()
    assert ActivityEvent.objects.filter(user_name="editor").exists()  # deleting keeps the events
    output = run("wagtail_tracking_anonymise_activity", "--user", "editor")
    assert "Erased 'editor' from 3" in output  # joined Editors, edited the page, failed to log in
    assert not ActivityEvent.objects.filter(user_name="editor").exists()
    assert not ActivityEvent.objects.filter(affected_username="editor").exists()
    edit = ActivityEvent.objects.get(action="wagtail.edit", user_id=editor_id)
    assert edit.user_id == editor_id and edit.user_name == pseudonym(user_id=editor_id)
    failed.refresh_from_db(), other.refresh_from_db()
    assert is_pseudonym(failed.affected_username) and other.user_name == "admin"


def test_anonymise_without_an_age_does_nothing(editor):
    event = make_event(400, user_id=editor.pk, user_name="editor")
    assert "nothing to anonymise" in run("wagtail_tracking_anonymise_activity")
    event.refresh_from_db()
    assert event.user_name == "editor"
