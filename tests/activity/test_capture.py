"""The small lookups of the capture, on their less travelled paths."""

import pytest
from wagtail.models import Page, PageLogEntry

from wagtail_tracking.activity import capture
from wagtail_tracking.models import ActivityEvent


pytestmark = pytest.mark.django_db


def test_revision_diff_from_an_id_reads_both_revisions_in_one_query(
    page, admin_user, django_assert_num_queries
):
    page.title = "Renamed"
    revision = page.save_revision(user=admin_user)
    with django_assert_num_queries(1):
        change = capture.revision_diff(revision.pk)
    assert change == {"changed": {"title": ["About", "Renamed"]}}
    first = page.revisions.order_by("pk").first()
    assert capture.revision_diff(first.pk) is None  # nothing before the first revision
    assert capture.revision_diff(first) is None


def test_unknown_content_types_and_deleted_users_do_not_stop_the_capture(page, editor, recorded):
    assert capture.model_for_content_type(999_999) is None
    assert capture.model_for_content_type(None) is None
    entry = PageLogEntry.objects.log_action(page, "wagtail.lock", user=editor)
    fresh = PageLogEntry.objects.get(pk=entry.pk)  # user and page not cached: read by id
    assert capture._user_name(fresh) == "editor"
    assert (
        capture._site_for_entry(fresh, "page", str(page.pk), ("page", str(page.pk)), None)
        is not None
    )


def test_site_for_pages_outside_every_site_is_empty(root_page, recorded):
    orphan = root_page.add_child(instance=Page(title="Orphan", slug="orphan"))
    assert capture.site_id_for_url_path(orphan.url_path) is None
    assert capture.site_id_for_url_path("") is None


def test_system_actions_have_no_actor(page, recorded):
    PageLogEntry.objects.log_action(page, "wagtail.unpublish")
    event = ActivityEvent.objects.get(action="wagtail.unpublish")
    assert (event.user_id, event.user_name, event.source) == (None, "", "system")
