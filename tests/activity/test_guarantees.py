"""Transactions, failures, query budget, switches, autosave bursts and exactly-once."""

import datetime
import logging

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import LogContext, log
from wagtail.models import Page, Site

from tests.activity.utils import edit_url, only_event, page_form, requires_autosave
from tests.testapp.models import Author, ContentPage
from wagtail_tracking.activity import (
    bulk_actions,
    disable_activity_capture,
    disable_tracking,
    writes,
)
from wagtail_tracking.models import ActivityEvent


pytestmark = pytest.mark.django_db

TABLE = ActivityEvent._meta.db_table


def activity_writes(queries):
    return [
        q["sql"].split()[0]
        for q in queries
        if TABLE in q["sql"] and q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")
    ]


# --- transactions -----------------------------------------------------------------------------


def test_an_action_that_rolls_back_leaves_no_event(page, admin_user, recorded):
    with pytest.raises(RuntimeError), transaction.atomic(), LogContext(user=admin_user):
        page.title = "Never"
        page.save_revision(user=admin_user, log_action=True).publish(user=admin_user)
        assert len(recorded()) == 3  # edit, rename, publish: recorded inside the transaction...
        raise RuntimeError("the editor's action fails")
    assert recorded() == []  # ...and gone with it


def test_a_failure_in_the_plugin_never_breaks_the_editors_action(
    admin_client, page, recorded, monkeypatch, caplog
):
    def broken_insert(event):
        # A real database error inside the transaction (aborts it on PostgreSQL without a savepoint).
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM wagtail_tracking_no_such_table")

    monkeypatch.setattr(writes, "_insert", broken_insert)
    with caplog.at_level(logging.ERROR, logger="wagtail_tracking.activity"):
        response = admin_client.post(
            edit_url(page), page_form(page, title="Still saved", **{"action-publish": "1"})
        )
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).title == "Still saved"
    assert "could not record" in caplog.text
    assert recorded() == []


# --- query budget -----------------------------------------------------------------------------


def publish_queries(client, page, title):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            edit_url(page), page_form(page, title=title, **{"action-publish": "1"})
        )
    assert response.status_code == 302
    return queries


def test_one_insert_per_event_and_a_budget_that_does_not_grow_with_the_site(
    admin_client, page, home_page, recorded, root_page
):
    queries = publish_queries(admin_client, page, "First")
    events = recorded()
    assert activity_writes(queries) == ["INSERT"] * len(events)

    with disable_activity_capture():
        baseline = len(publish_queries(admin_client, page, "Second"))
    with_capture = len(publish_queries(admin_client, page, "Third"))
    # Per event: one INSERT in a savepoint (SAVEPOINT, INSERT, RELEASE); plus one SELECT of
    # the previous revision for the edit's diff, and at most one fill of Wagtail's site cache.
    assert with_capture - baseline <= 3 * len(events) + 2

    # Many more pages and sites: the capture costs the same.
    for i in range(15):
        section = home_page.add_child(
            instance=ContentPage(title=f"Section {i}", slug=f"section-{i}")
        )
        Site.objects.create(hostname=f"site{i}.example", root_page=section)
    with disable_activity_capture():
        bigger_baseline = len(publish_queries(admin_client, page, "Fourth"))
    bigger_with_capture = len(publish_queries(admin_client, page, "Fifth"))
    assert bigger_with_capture - bigger_baseline <= with_capture - baseline


# --- switches ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "switch",
    [
        lambda: disable_activity_capture(),
        lambda: override_settings(WAGTAIL_TRACKING={"ACTIVITY_CAPTURE": False}),
        lambda: override_settings(WAGTAIL_TRACKING={"ENABLED": False}),
    ],
    ids=["disable_activity_capture", "ACTIVITY_CAPTURE", "ENABLED"],
)
def test_capture_can_be_switched_off(admin_client, page, recorded, switch):
    with switch():
        admin_client.post(edit_url(page), page_form(page, title="Quiet", **{"action-publish": "1"}))
        Author.objects.create(name="Quiet")
    assert recorded() == []
    admin_client.post(edit_url(page), page_form(page, title="Loud"))
    assert len(recorded()) == 1


def test_disable_activity_capture_is_a_decorator_too(page, admin_user, recorded):
    @disable_activity_capture()
    def import_pages():
        page.save_revision(user=admin_user, log_action=True)

    import_pages()
    assert recorded() == []


def test_disable_tracking_is_a_deprecated_alias(page, admin_user, recorded):
    with pytest.warns(DeprecationWarning, match=r"use disable_activity_capture\(\)"):
        switch = disable_tracking()
    with switch:
        page.save_revision(user=admin_user, log_action=True)
    assert recorded() == []
    page.save_revision(user=admin_user, log_action=True)
    assert len(recorded()) == 1


@override_settings(WAGTAIL_TRACKING={"ACTIVITY_EXCLUDED_ACTIONS": ["wagtail.lock"]})
def test_excluded_actions_are_not_recorded(admin_client, page, recorded):
    admin_client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    assert recorded() == []


# --- autosave bursts --------------------------------------------------------------------------


def autosave(client, page, revision_id, body):
    return client.post(
        edit_url(page),
        page_form(page, body=body, overwrite_revision_id=revision_id),
        HTTP_ACCEPT="application/json",
    )


@requires_autosave
def test_an_autosave_burst_is_one_event_with_a_repeat_count(admin_client, page, recorded):
    first = autosave(admin_client, page, "", "<p>Draft 1</p>").json()
    assert first["success"]
    for n in range(2, 5):
        with CaptureQueriesContext(connection) as queries:
            response = autosave(admin_client, page, first["revision_id"], f"<p>Draft {n}</p>")
        assert response.json()["revision_id"] == first["revision_id"]
        assert activity_writes(queries) == ["UPDATE"]
    event = only_event(
        recorded(), action="wagtail.edit", repeat_count=4, revision_id=first["revision_id"]
    )
    assert event.last_timestamp > event.timestamp
    # The diff covers the whole burst: from the revision before it to the last autosave.
    before, after = event.diff["changed"]["body"]
    assert before == "<p>Old body</p>" and after.endswith(">Draft 4</p>")


@requires_autosave
@override_settings(WAGTAIL_TRACKING={"ACTIVITY_COALESCE_WINDOW": 60})
def test_an_autosave_after_the_window_starts_a_new_event(admin_client, page, recorded):
    first = autosave(admin_client, page, "", "<p>Draft 1</p>").json()
    ActivityEvent.objects.update(
        last_timestamp=ActivityEvent.objects.get().timestamp - datetime.timedelta(minutes=5)
    )
    autosave(admin_client, page, first["revision_id"], "<p>Draft 2</p>")
    assert [e.repeat_count for e in recorded()] == [1, 1]


@requires_autosave
@override_settings(WAGTAIL_TRACKING={"ACTIVITY_COALESCE_WINDOW": 0})
def test_coalescing_can_be_switched_off(admin_client, page, recorded):
    first = autosave(admin_client, page, "", "<p>Draft 1</p>").json()
    autosave(admin_client, page, first["revision_id"], "<p>Draft 2</p>")
    assert len(recorded()) == 2


# --- exactly once, even when Wagtail starts logging a gap --------------------------------------


def test_a_gap_that_wagtail_starts_logging_is_not_counted_twice(admin_user, recorded):
    Image = get_image_model()
    with LogContext(user=admin_user):
        image = Image.objects.create(title="Upload", file=get_test_image_file())  # gap capture
        entry = log(image, "wagtail.create")  # what Wagtail's multi-upload will do once it logs
    event = only_event(
        recorded(), action="wagtail.create", object_type="image", object_id=str(image.pk)
    )
    assert event.log_entry_id == entry.pk


def test_a_bulk_action_that_wagtail_starts_logging_is_not_counted_twice(admin_user, recorded):
    authors = [Author.objects.create(name=f"A{i}") for i in range(2)]
    with LogContext(user=admin_user):
        bulk_actions.start_batch()
        for author in authors:
            log(author, "wagtail.delete")  # a future Wagtail logging snippet bulk deletes
        Author.objects.filter(pk__in=[a.pk for a in authors]).delete()
        bulk_actions.finish_batch("delete", authors, model=Author)
    events = recorded()
    assert sorted(e.object_id for e in events) == sorted(str(a.pk) for a in authors)
    assert all(e.log_entry_id is not None for e in events)


def test_a_gap_event_rolled_back_with_its_savepoint_is_recorded_again(admin_user, recorded):
    Image = get_image_model()
    with LogContext(user=admin_user):
        with pytest.raises(RuntimeError), transaction.atomic():
            image = Image.objects.create(title="Upload", file=get_test_image_file())
            raise RuntimeError
        image = Image.objects.create(title="Upload", file=get_test_image_file())
        log(image, "wagtail.create")
    only_event(recorded(), action="wagtail.create", object_id=str(image.pk))


# --- where --------------------------------------------------------------------------------------


def test_pages_are_attributed_to_the_site_that_serves_them(admin_client, other_site, recorded):
    other_page = other_site.root_page.add_child(
        instance=ContentPage(title="Elsewhere", slug="elsewhere")
    )
    admin_client.post(edit_url(other_page), page_form(other_page, title="Elsewhere 2"))
    only_event(recorded(action="wagtail.edit"), site_id=other_site.pk, page_id=other_page.pk)


def test_events_survive_deleting_the_user_and_the_page(admin_client, page, editor, recorded):
    with LogContext(user=editor):
        page.save_revision(user=editor, log_action=True)
    editor.delete()
    Page.objects.get(pk=page.pk).delete()
    event = ActivityEvent.objects.get(action="wagtail.edit")
    assert event.user_id is not None and event.user_name == "editor" and event.page_id == page.pk


def test_other_models_keep_djangos_fast_deletes():
    from django.contrib.sessions.models import Session
    from django.db.models.deletion import Collector
    from wagtail.models import ReferenceIndex

    collector = Collector(using="default")
    assert collector.can_fast_delete(Session.objects.all())
    assert collector.can_fast_delete(ReferenceIndex.objects.all())


def test_loading_fixtures_records_nothing(recorded, editor):
    from django.contrib.auth.models import Group, Permission
    from django.core import serializers

    group = Group.objects.create(name="Fixture group")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    data = serializers.serialize("json", [group, editor])
    ActivityEvent.objects.all().delete()
    Group.objects.filter(pk=group.pk).delete()
    for obj in serializers.deserialize("json", data):
        obj.save()  # what loaddata does: a raw save, then the many-to-many values
    assert Group.objects.get(pk=group.pk).permissions.count() == 1
    assert recorded() == []
