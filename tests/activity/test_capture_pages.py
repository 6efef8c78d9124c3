"""Every page action of Wagtail's audit log, done through the admin, is one event."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Revision, Workflow, WorkflowState

from tests.activity.utils import edit_url, only_event, page_form
from tests.testapp.models import ContentPage


pytestmark = pytest.mark.django_db

PAGE_EVENT = {"object_type": "page", "source": "admin", "user_name": "admin"}


def test_create_page(admin_client, home_page, recorded):
    url = reverse("wagtailadmin_pages:add", args=["testapp", "contentpage", home_page.pk])
    response = admin_client.post(
        url, page_form(ContentPage(title="News", slug="news", body="<p>x</p>"))
    )
    assert response.status_code == 302
    news = Page.objects.get(slug="news")
    event = only_event(
        recorded(action="wagtail.create"), page_id=news.pk, object_title="News", **PAGE_EVENT
    )
    assert event.site_id == home_page.get_site().pk
    assert event.object_id == str(news.pk)
    assert event.log_entry_model == "wagtailcore.pagelogentry"


def test_save_draft_records_an_edit_with_a_diff(admin_client, page, recorded, site):
    response = admin_client.post(
        edit_url(page), page_form(page, title="About us", body="<p>New body</p>")
    )
    assert response.status_code == 302
    event = only_event(
        recorded(), action="wagtail.edit", page_id=page.pk, site_id=site.pk, **PAGE_EVENT
    )
    assert event.diff["changed"]["title"] == ["About", "About us"]
    assert set(event.diff["changed"]) == {"title", "body"}
    assert event.revision_id == Page.objects.get(pk=page.pk).latest_revision_id
    assert event.user_id == event.user_id and event.repeat_count == 1


def test_publish_records_the_edit_and_the_publish(admin_client, page, recorded):
    response = admin_client.post(
        edit_url(page), page_form(page, title="About us", **{"action-publish": "publish"})
    )
    assert response.status_code == 302
    events = recorded()
    # Wagtail logs the new revision, the new title and the publication: three actions.
    assert [e.action for e in events] == ["wagtail.edit", "wagtail.rename", "wagtail.publish"]
    assert {e.uuid for e in events} == {events[0].uuid}
    assert events[0].diff["changed"]["title"] == ["About", "About us"]
    assert events[2].diff is None


def test_unpublish(admin_client, page, recorded):
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    only_event(recorded(), action="wagtail.unpublish", page_id=page.pk, **PAGE_EVENT)


def test_delete_a_subtree_writes_one_event_per_page_in_one_statement(
    admin_client, page, recorded, django_assert_max_num_queries
):
    child = page.add_child(instance=ContentPage(title="Team", slug="team"))
    recorded_before = len(recorded())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    events = recorded()[recorded_before:]
    assert sorted((e.action, e.page_id) for e in events) == sorted(
        [("wagtail.delete", page.pk), ("wagtail.delete", child.pk)]
    )
    inserts = [q for q in queries if q["sql"].startswith("INSERT") and "activityevent" in q["sql"]]
    assert len(inserts) == 1


def test_move(admin_client, page, home_page, recorded):
    target = home_page.add_child(instance=ContentPage(title="Section", slug="section"))
    recorded_before = len(recorded())
    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[page.pk, target.pk])
    )
    assert response.status_code == 302
    event = only_event(
        recorded()[recorded_before:], action="wagtail.move", page_id=page.pk, **PAGE_EVENT
    )
    assert event.object_title == "About"


def test_reorder(admin_client, page, home_page, recorded):
    home_page.add_child(instance=ContentPage(title="Second", slug="second"))
    recorded_before = len(recorded())
    response = admin_client.post(
        reverse("wagtailadmin_pages:set_page_position", args=[page.pk]) + "?position=1"
    )
    assert response.status_code == 200
    only_event(
        recorded()[recorded_before:], action="wagtail.reorder", page_id=page.pk, **PAGE_EVENT
    )


@pytest.mark.parametrize(
    ("options", "actions"),
    [
        ({}, ["wagtail.copy"]),
        ({"publish_copies": "on"}, ["wagtail.copy", "wagtail.publish"]),
        ({"alias": "on"}, ["wagtail.create_alias"]),
    ],
)
def test_copy(admin_client, page, home_page, recorded, options, actions):
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {
            "new_title": "About (copy)",
            "new_slug": "about-copy",
            "new_parent_page": home_page.pk,
            **options,
        },
    )
    assert response.status_code == 302
    copy = Page.objects.get(slug="about-copy")
    events = recorded()
    assert [e.action for e in events] == actions
    assert all(e.page_id == copy.pk and e.user_name == "admin" for e in events)


def test_convert_alias(admin_client, page, home_page, recorded):
    alias = page.create_alias(parent=home_page, update_slug="about-alias")
    recorded_before = len(recorded())
    response = admin_client.post(reverse("wagtailadmin_pages:convert_alias", args=[alias.pk]))
    assert response.status_code == 302
    only_event(
        recorded()[recorded_before:], action="wagtail.convert_alias", page_id=alias.pk, **PAGE_EVENT
    )


@pytest.mark.parametrize("action", ["lock", "unlock"])
def test_lock_and_unlock(admin_client, page, recorded, action, admin_user):
    if action == "unlock":
        Page.objects.filter(pk=page.pk).update(locked=True, locked_by=admin_user)
    response = admin_client.post(reverse(f"wagtailadmin_pages:{action}", args=[page.pk]))
    assert response.status_code == 302
    only_event(recorded(), action=f"wagtail.{action}", page_id=page.pk, **PAGE_EVENT)


def test_publish_without_changes_is_only_a_publish(admin_client, page, recorded):
    admin_client.post(edit_url(page), page_form(page, **{"action-publish": "1"}))
    assert [e.action for e in recorded()] == ["wagtail.edit", "wagtail.publish"]


def test_revert(admin_client, page, recorded, admin_user):
    old_revision = page.latest_revision
    page.title = "Changed"
    page.save_revision(user=admin_user)
    recorded_before = len(recorded())
    response = admin_client.post(
        reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old_revision.pk]),
        page_form(page, title="About", revision=old_revision.pk),
    )
    assert response.status_code == 302
    event = only_event(
        recorded()[recorded_before:], action="wagtail.revert", page_id=page.pk, **PAGE_EVENT
    )
    assert event.diff["changed"]["title"] == ["Changed", "About"]


def test_schedule_and_cancel_schedule(admin_client, page, recorded):
    go_live = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    response = admin_client.post(
        edit_url(page), page_form(page, go_live_at=go_live, **{"action-publish": "1"})
    )
    assert response.status_code == 302
    actions = [e.action for e in recorded()]
    assert actions.count("wagtail.publish.schedule") == 1
    revision = Revision.objects.get(approved_go_live_at__isnull=False)
    recorded_before = len(recorded())
    response = admin_client.post(
        reverse("wagtailadmin_pages:revisions_unschedule", args=[page.pk, revision.pk])
    )
    assert response.status_code == 302
    only_event(
        recorded()[recorded_before:],
        action="wagtail.schedule.cancel",
        page_id=page.pk,
        **PAGE_EVENT,
    )


def test_scheduled_publishing_is_a_system_event(page, recorded, admin_user):
    page.body = "<p>Later</p>"
    revision = page.save_revision(user=admin_user)
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    recorded_before = len(recorded())
    call_command("publish_scheduled", verbosity=0)
    events = recorded()[recorded_before:]
    event = only_event(
        events,
        action="wagtail.publish.scheduled",
        object_type="page",
        source="system",
    )
    assert event.page_id == page.pk


@pytest.mark.parametrize(
    ("before", "after", "action"),
    [
        (None, {"restriction_type": "login"}, "wagtail.view_restriction.create"),
        (
            "login",
            {"restriction_type": "password", "password": "s3cret-pass"},
            "wagtail.view_restriction.edit",
        ),
        ("login", {"restriction_type": "none"}, "wagtail.view_restriction.delete"),
    ],
)
def test_view_restrictions(admin_client, page, recorded, before, after, action):
    if before:
        PageViewRestriction.objects.create(page=page, restriction_type=before)
    recorded_before = len(recorded())
    response = admin_client.post(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), after)
    assert response.status_code == 200
    event = only_event(recorded()[recorded_before:], action=action, page_id=page.pk, **PAGE_EVENT)
    assert "s3cret-pass" not in str(event.diff)


@pytest.fixture
def workflow_page(page):
    workflow = Workflow.objects.get(name="Moderators approval")
    workflow.workflow_pages.get_or_create(page=Page.get_first_root_node())
    return page


def _submit(client, page):
    return client.post(edit_url(page), page_form(page, **{"action-submit": "1"}))


def _task_state(page):
    return WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    ).current_task_state


def test_workflow_start(admin_client, workflow_page, recorded):
    assert _submit(admin_client, workflow_page).status_code == 302
    actions = [e.action for e in recorded()]
    assert actions.count("wagtail.workflow.start") == 1


@pytest.mark.parametrize(
    ("name", "action"),
    [("approve", "wagtail.workflow.approve"), ("reject", "wagtail.workflow.reject")],
)
def test_workflow_approve_and_reject(admin_client, workflow_page, recorded, name, action):
    _submit(admin_client, workflow_page)
    task_state = _task_state(workflow_page)
    recorded_before = len(recorded())
    response = admin_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[workflow_page.pk, name, task_state.pk]),
        {"comment": "ok"},
    )
    assert response.status_code in (200, 302)
    actions = [e.action for e in recorded()[recorded_before:]]
    assert actions.count(action) == 1


def test_workflow_resume_and_cancel(admin_client, workflow_page, recorded):
    _submit(admin_client, workflow_page)
    task_state = _task_state(workflow_page)
    admin_client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[workflow_page.pk, "reject", task_state.pk]
        ),
        {"comment": "no"},
    )
    recorded_before = len(recorded())
    _submit(admin_client, workflow_page)  # resubmitting after changes were requested
    assert [e.action for e in recorded()[recorded_before:]].count("wagtail.workflow.resume") == 1
    recorded_before = len(recorded())
    admin_client.post(
        edit_url(workflow_page), page_form(workflow_page, **{"action-cancel-workflow": "1"})
    )
    assert [e.action for e in recorded()[recorded_before:]].count("wagtail.workflow.cancel") == 1


def comment_form(page, comment, *, text="Needs work", resolved="", delete="", replies=()):
    data = {
        "comments-TOTAL_FORMS": "1",
        "comments-INITIAL_FORMS": "1",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "",
        "comments-0-id": str(comment.pk),
        "comments-0-contentpath": "title",
        "comments-0-text": text,
        "comments-0-position": "",
        "comments-0-resolved": resolved,
        "comments-0-DELETE": delete,
        "comments-0-replies-TOTAL_FORMS": str(len(replies)),
        "comments-0-replies-INITIAL_FORMS": str(sum(1 for r in replies if r.get("id"))),
        "comments-0-replies-MIN_NUM_FORMS": "0",
        "comments-0-replies-MAX_NUM_FORMS": "",
    }
    for index, reply in enumerate(replies):
        for key, value in reply.items():
            data[f"comments-0-replies-{index}-{key}"] = value
    base = page_form(page)
    base.update(data)
    return {k: v for k, v in base.items() if not k.startswith("comments-") or k in data}


@pytest.mark.parametrize(
    ("change", "action"),
    [
        ({"text": "Needs more work"}, "wagtail.comments.edit"),
        ({"resolved": "on"}, "wagtail.comments.resolve"),
        ({"delete": "on"}, "wagtail.comments.delete"),
        ({"replies": [{"id": "", "text": "Done", "DELETE": ""}]}, "wagtail.comments.create_reply"),
    ],
)
def test_comment_actions(admin_client, page, recorded, admin_user, change, action):
    from wagtail.models import Comment

    comment = Comment.objects.create(
        page=page, user=admin_user, text="Needs work", contentpath="title"
    )
    response = admin_client.post(edit_url(page), comment_form(page, comment, **change))
    assert response.status_code == 302
    only_event(
        recorded(action__startswith="wagtail.comments"),
        action=action,
        page_id=page.pk,
        **PAGE_EVENT,
    )


def test_scheduled_unpublishing_is_a_system_event(page, recorded):
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", verbosity=0)
    only_event(
        recorded(),
        action="wagtail.unpublish.scheduled",
        page_id=page.pk,
        source="system",
        user_id=None,
    )


def test_comments(admin_client, page, recorded):
    from wagtail.test.utils.form_data import inline_formset

    comment = {
        "contentpath": "title",
        "text": "Needs work",
        "position": "",
        "resolved": "",
        "replies": inline_formset([]),
    }
    response = admin_client.post(
        edit_url(page), page_form(page, comments=inline_formset([comment]))
    )
    assert response.status_code == 302
    events = recorded(action__startswith="wagtail.comments")
    only_event(events, action="wagtail.comments.create", page_id=page.pk, **PAGE_EVENT)


@pytest.mark.parametrize(
    ("bulk_action", "action"), [("unpublish", "wagtail.unpublish"), ("publish", "wagtail.publish")]
)
def test_page_bulk_actions_write_their_events_in_one_statement(
    admin_client, home_page, recorded, admin_user, bulk_action, action
):
    from urllib.parse import urlencode

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = []
    for i in range(3):
        child = home_page.add_child(instance=ContentPage(title=f"Bulk {i}", slug=f"bulk-{i}"))
        child.save_revision(user=admin_user).publish(user=admin_user)
        pages.append(child)
    before = len(recorded())
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", bulk_action))
    url += "?" + urlencode({"id": [p.pk for p in pages]}, doseq=True)
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(url, {"include_descendants": ""})
    assert response.status_code == 302
    events = [e for e in recorded()[before:] if e.action == action]
    assert sorted(e.page_id for e in events) == sorted(p.pk for p in pages)
    assert all(e.diff and e.diff.get("bulk_action") == bulk_action for e in events)
    inserts = [q for q in queries if q["sql"].startswith("INSERT") and "activityevent" in q["sql"]]
    assert len(inserts) == 1
