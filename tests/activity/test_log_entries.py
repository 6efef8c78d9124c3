"""Wagtail's log entries as events, on the less travelled paths of ``log_entries``."""

import pytest
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from wagtail_tracking.activity import log_entries
from wagtail_tracking.models import ActivityEvent


pytestmark = pytest.mark.django_db


def test_revision_diff_from_an_id_reads_both_revisions_in_one_query(
    page, admin_user, django_assert_num_queries
):
    page.title = "Renamed"
    revision = page.save_revision(user=admin_user)
    with django_assert_num_queries(1):
        change = log_entries.revision_diff(revision.pk)
    assert change == {"changed": {"title": ["About", "Renamed"]}}
    first = page.revisions.order_by("pk").first()
    assert log_entries.revision_diff(first.pk) is None  # nothing before the first revision
    assert log_entries.revision_diff(first) is None


def test_entries_read_by_id_still_name_their_user_and_site(page, editor, recorded):
    entry = PageLogEntry.objects.log_action(page, "wagtail.lock", user=editor)
    fresh = PageLogEntry.objects.get(pk=entry.pk)  # user and page not cached: read by id
    assert log_entries.entry_user_name(fresh) == "editor"
    site_id = log_entries.site_for_entry(fresh, "page", str(page.pk), ("page", str(page.pk)), None)
    assert site_id is not None


def test_system_actions_have_no_actor(page, recorded):
    PageLogEntry.objects.log_action(page, "wagtail.unpublish")
    event = ActivityEvent.objects.get(action="wagtail.unpublish")
    assert (event.user_id, event.user_name, event.source) == (None, "", "system")


def test_log_entry_models_are_every_concrete_log_model():
    models = log_entries.log_entry_models()
    assert {PageLogEntry, ModelLogEntry} <= set(models)
    assert Page not in models
