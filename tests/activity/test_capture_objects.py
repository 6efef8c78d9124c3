"""Snippets, images, documents, users, groups and other objects, through the admin.

Covers what Wagtail logs itself (single create/edit/delete views) and the gaps it does not
(multi-upload, bulk actions on non-page objects, group and permission changes). Logins:
``test_auth_events``.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Site

from tests.activity.utils import only_event
from tests.testapp.models import Author
from wagtail_tracking.activity.object_types import object_type_for_model


pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()
User = get_user_model()


def activity_inserts(queries):
    return [q for q in queries if q["sql"].startswith("INSERT") and "activityevent" in q["sql"]]


def bulk_url(model, action, objects, **params):
    url = reverse(
        "wagtail_bulk_action", args=(model._meta.app_label, model._meta.model_name, action)
    )
    return url + "?" + urlencode({"id": [obj.pk for obj in objects], **params}, doseq=True)


# --- snippets ---------------------------------------------------------------------------------


def snippet_url(action, *args):
    return reverse(f"wagtailsnippets_testapp_author:{action}", args=args)


def test_snippet_create_edit_delete(admin_client, recorded):
    response = admin_client.post(snippet_url("add"), {"name": "Ada", "biography": ""})
    assert response.status_code == 302
    author = Author.objects.get()
    only_event(
        recorded(),
        action="wagtail.create",
        object_type="snippet",
        object_id=str(author.pk),
        object_title="Ada",
        source="admin",
    )

    before = len(recorded())
    response = admin_client.post(
        snippet_url("edit", author.pk), {"name": "Ada Lovelace", "biography": "Maths"}
    )
    assert response.status_code == 302
    event = only_event(recorded()[before:], action="wagtail.edit", object_type="snippet")
    assert event.diff == {"changed": {"name": ["Ada", "Ada Lovelace"], "biography": ["", "Maths"]}}

    before = len(recorded())
    response = admin_client.post(snippet_url("delete", author.pk))
    assert response.status_code == 302
    only_event(
        recorded()[before:],
        action="wagtail.delete",
        object_type="snippet",
        object_id=str(author.pk),
    )


def test_snippet_bulk_delete_is_one_event_per_snippet_in_one_statement(admin_client, recorded):
    authors = [Author.objects.create(name=f"Author {i}") for i in range(3)]
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(bulk_url(Author, "delete", authors))
    assert response.status_code == 302
    events = recorded()
    assert sorted(e.object_id for e in events) == sorted(str(a.pk) for a in authors)
    assert {(e.action, e.object_type, e.user_name) for e in events} == {
        ("wagtail.delete", "snippet", "admin")
    }
    assert all(e.diff == {"bulk_action": "delete"} for e in events)
    assert len(activity_inserts(queries)) == 1


# --- images and documents ---------------------------------------------------------------------


def upload(name="test.png"):
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue())


def test_image_single_views(admin_client, recorded):
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Logo", "file": upload()})
    assert response.status_code == 302
    image = Image.objects.get()
    only_event(
        recorded(),
        action="wagtail.create",
        object_type="image",
        object_id=str(image.pk),
        object_title="Logo",
    )
    assert recorded()[0].log_entry_id is not None  # Wagtail logged it; the event links to it

    before = len(recorded())
    admin_client.post(reverse("wagtailimages:edit", args=[image.pk]), {"title": "New logo"})
    event = only_event(recorded()[before:], action="wagtail.edit", object_type="image")
    assert event.diff["changed"]["title"] == ["Logo", "New logo"]
    assert event.log_entry_id is not None

    before = len(recorded())
    admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))
    only_event(
        recorded()[before:], action="wagtail.delete", object_type="image", object_id=str(image.pk)
    )


def test_image_multi_upload_add_edit_delete(admin_client, recorded):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"title": "Photo", "files[]": upload()}
    )
    assert response.status_code == 200
    image = Image.objects.get()
    event = only_event(
        recorded(),
        action="wagtail.create",
        object_type="image",
        object_id=str(image.pk),
        source="admin",
        user_name="admin",
    )
    assert event.log_entry_id is None  # Wagtail wrote no log entry: captured from the save

    before = len(recorded())
    response = admin_client.post(
        reverse("wagtailimages:edit_multiple", args=[image.pk]),
        {f"image-{image.pk}-title": "Holiday photo", f"image-{image.pk}-tags": ""},
    )
    assert response.status_code == 200
    event = only_event(recorded()[before:], action="wagtail.edit", object_type="image")
    assert event.diff["changed"]["title"] == [image.title, "Holiday photo"]

    before = len(recorded())
    response = admin_client.post(reverse("wagtailimages:delete_multiple", args=[image.pk]))
    assert response.status_code == 200
    only_event(
        recorded()[before:], action="wagtail.delete", object_type="image", object_id=str(image.pk)
    )


def test_document_multi_upload_and_single_edit(admin_client, recorded):
    file = SimpleUploadedFile("report.txt", b"Annual report")
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"), {"title": "Report", "files[]": file}
    )
    assert response.status_code == 200
    document = Document.objects.get()
    only_event(
        recorded(), action="wagtail.create", object_type="document", object_id=str(document.pk)
    )

    before = len(recorded())
    admin_client.post(reverse("wagtaildocs:edit", args=[document.pk]), {"title": "Annual report"})
    event = only_event(recorded()[before:], action="wagtail.edit", object_type="document")
    assert (
        event.diff["changed"]["title"] == ["report", "Annual report"]
        or event.diff["changed"]["title"][1] == "Annual report"
    )


@pytest.fixture
def images():
    return [Image.objects.create(title=f"Image {i}", file=get_test_image_file()) for i in range(3)]


@pytest.mark.parametrize(
    ("action", "params", "expected_action", "expected_diff"),
    [
        ("delete", {}, "wagtail.delete", {"bulk_action": "delete"}),
        (
            "add_tags",
            {"tags": "sea,sun"},
            "wagtail.edit",
            {"tags": {"added": ["sea", "sun"]}, "bulk_action": "add_tags"},
        ),
    ],
)
def test_image_bulk_actions(
    admin_client, images, recorded, action, params, expected_action, expected_diff
):
    recorded_before = len(recorded())
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(bulk_url(Image, action, images), params)
    assert response.status_code == 302
    events = recorded()[recorded_before:]
    assert sorted(e.object_id for e in events) == sorted(str(i.pk) for i in images)
    assert all(e.action == expected_action and e.object_type == "image" for e in events)
    assert all(e.diff == expected_diff for e in events)
    assert len(activity_inserts(queries)) == 1


def test_image_bulk_add_to_collection(admin_client, images, recorded):
    collection = Collection.get_first_root_node().add_child(name="Holidays")
    recorded_before = len(recorded())
    response = admin_client.post(
        bulk_url(Image, "add_to_collection", images), {"collection": collection.pk}
    )
    assert response.status_code == 302
    events = [e for e in recorded()[recorded_before:] if e.object_type == "image"]
    assert len(events) == 3
    assert events[0].diff["changed"]["collection"] == [images[0].collection_id, collection.pk]


def test_document_bulk_delete(admin_client, recorded):
    documents = [
        Document.objects.create(title=f"Doc {i}", file=SimpleUploadedFile(f"d{i}.txt", b"x"))
        for i in range(2)
    ]
    recorded_before = len(recorded())
    admin_client.post(bulk_url(Document, "delete", documents))
    events = recorded()[recorded_before:]
    assert sorted(e.object_id for e in events) == sorted(str(d.pk) for d in documents)
    assert {e.action for e in events} == {"wagtail.delete"}


# --- users and groups -------------------------------------------------------------------------


@pytest.fixture
def moderators():
    return Group.objects.get(name="Moderators")


def test_user_create_with_groups_is_one_create_event(admin_client, recorded, moderators):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "newbie",
            "email": "newbie@example.com",
            "first_name": "New",
            "last_name": "Bie",
            "password1": "a-long-Passw0rd!",
            "password2": "a-long-Passw0rd!",
            "groups": [moderators.pk],
        },
    )
    assert response.status_code == 302
    newbie = User.objects.get(username="newbie")
    event = only_event(
        recorded(),
        action="wagtail.create",
        object_type="user",
        affected_user_id=newbie.pk,
        affected_username="newbie",
        group_id=moderators.pk,
    )
    assert event.diff == {"groups": {"added": ["Moderators"]}}
    assert "a-long-Passw0rd!" not in str(event.diff)


def test_user_edit_records_fields_groups_and_masks_the_password(
    admin_client, editor, recorded, moderators
):
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[editor.pk]),
        {
            "username": "editor",
            "email": "editor@example.com",
            "first_name": "Edith",
            "last_name": "Smith",
            "password1": "another-Passw0rd!",
            "password2": "another-Passw0rd!",
            "groups": [moderators.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    event = only_event(
        recorded(), action="wagtail.edit", object_type="user", affected_user_id=editor.pk
    )
    # Personal data of accounts: recorded as changed, without the values.
    assert event.diff["changed"]["first_name"] == ["***", "***"]
    assert "Edith" not in str(event.diff)
    assert event.diff["changed"]["password"] == ["***", "***"]
    assert event.diff["groups"] == {"added": ["Moderators"], "removed": ["Editors"]}
    assert "another-Passw0rd!" not in str(event.diff) and "md5$" not in str(event.diff)
    assert event.log_entry_id is not None


def test_user_delete(admin_client, editor, recorded):
    response = admin_client.post(reverse("wagtailusers_users:delete", args=[editor.pk]))
    assert response.status_code == 302
    only_event(
        recorded(),
        action="wagtail.delete",
        object_type="user",
        affected_user_id=editor.pk,
        affected_username="editor",
    )


@pytest.mark.parametrize(
    ("action", "params", "expected_action"),
    [
        ("delete", {}, "wagtail.delete"),
        ("set_active_state", {"mark_as_active": "False"}, "wagtail.edit"),
        ("assign_role", {"role": "moderators"}, "wagtail_tracking.groups_change"),
    ],
)
def test_user_bulk_actions(
    admin_client, django_user_model, recorded, moderators, action, params, expected_action
):
    users = [
        django_user_model.objects.create_user(username=f"user{i}", password="x") for i in range(2)
    ]
    if params.get("role"):
        params = {"role": moderators.pk}
    recorded_before = len(recorded())
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(bulk_url(User, action, users), params)
    assert response.status_code == 302
    events = recorded()[recorded_before:]
    assert sorted(e.affected_username for e in events) == ["user0", "user1"]
    assert {e.action for e in events} == {expected_action}
    assert all(e.diff["bulk_action"] == action for e in events)
    assert len(activity_inserts(queries)) == 1
    if action == "assign_role":
        assert all(
            e.group_id == moderators.pk and e.diff["groups"] == {"added": ["Moderators"]}
            for e in events
        )
    if action == "set_active_state":
        assert all(e.diff["changed"]["is_active"] == [True, False] for e in events)


def group_form(name, permissions=(), page_permissions=()):
    data = {"name": name, "permissions": [p.pk for p in permissions]}
    for prefix in ("document_permissions", "image_permissions", "collection_permissions"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(
        {
            "page_permissions-TOTAL_FORMS": str(len(page_permissions)),
            "page_permissions-INITIAL_FORMS": "0",
            "page_permissions-MAX_NUM_FORMS": "1000",
        }
    )
    for i, (page, codenames) in enumerate(page_permissions):
        data[f"page_permissions-{i}-page"] = page.pk
        data[f"page_permissions-{i}-permissions"] = codenames
    return data


def test_group_create_and_edit_records_permission_changes(admin_client, recorded, home_page):
    access_admin = Permission.objects.get(codename="access_admin")
    response = admin_client.post(
        reverse("wagtailusers_groups:add"),
        group_form(
            "Photographers", [access_admin], page_permissions=[(home_page, ["publish_page"])]
        ),
    )
    assert response.status_code == 302
    group = Group.objects.get(name="Photographers")
    event = only_event(
        recorded(),
        action="wagtail.create",
        object_type="group",
        group_id=group.pk,
        object_title="Photographers",
    )
    assert event.diff["permissions"] == {"added": ["wagtailadmin.access_admin"]}
    assert event.diff["page_permissions"] == {
        "added": [{"page": home_page.pk, "permission": "publish_page"}]
    }

    before = len(recorded())
    response = admin_client.post(
        reverse("wagtailusers_groups:edit", args=[group.pk]), group_form("Photographers")
    )
    assert response.status_code == 302
    event = only_event(
        recorded()[before:], action="wagtail.edit", object_type="group", group_id=group.pk
    )
    assert event.diff["permissions"] == {"removed": ["wagtailadmin.access_admin"]}
    assert event.diff["page_permissions"] == {
        "removed": [{"page": home_page.pk, "permission": "publish_page"}]
    }


def test_group_delete(admin_client, recorded, moderators):
    admin_client.post(reverse("wagtailusers_groups:delete", args=[moderators.pk]))
    only_event(recorded(), action="wagtail.delete", object_type="group", group_id=moderators.pk)


def test_permission_change_outside_the_admin_is_its_own_event(editor, recorded, moderators):
    editor.groups.add(moderators)
    event = only_event(
        recorded(),
        action="wagtail_tracking.groups_change",
        object_type="user",
        source="system",
        affected_user_id=editor.pk,
        group_id=moderators.pk,
    )
    assert event.diff == {"groups": {"added": ["Moderators"]}}


# --- collections, sites, redirects, workflows, settings ---------------------------------------


def test_collection_create_and_edit(admin_client, recorded):
    root = Collection.get_first_root_node()
    admin_client.post(reverse("wagtailadmin_collections:add"), {"name": "Press", "parent": root.pk})
    collection = Collection.objects.get(name="Press")
    only_event(
        recorded(), action="wagtail.create", object_type="collection", object_id=str(collection.pk)
    )
    before = len(recorded())
    admin_client.post(
        reverse("wagtailadmin_collections:edit", args=[collection.pk]),
        {"name": "Press kit", "parent": root.pk},
    )
    event = only_event(recorded()[before:], action="wagtail.edit", object_type="collection")
    assert event.diff["changed"]["name"] == ["Press", "Press kit"]


def test_site_edit_records_the_site(admin_client, site, recorded):
    response = admin_client.post(
        reverse("wagtailsites:edit", args=[site.pk]),
        {
            "hostname": "www.example.com",
            "port": "80",
            "site_name": "Main",
            "root_page": site.root_page_id,
            "is_default_site": "on",
        },
    )
    assert response.status_code == 302
    event = only_event(recorded(), action="wagtail.edit", object_type="site", site_id=site.pk)
    assert event.diff["changed"]["hostname"] == ["localhost", "www.example.com"]
    assert Site.objects.get(pk=site.pk).hostname == "www.example.com"


def test_objects_of_one_site_are_attributed_to_it(admin_client, site, recorded):
    response = admin_client.post(
        reverse("wagtailredirects:add"),
        {
            "old_path": "/old",
            "site": site.pk,
            "is_permanent": "on",
            "redirect_link": "https://example.com",
        },
    )
    assert response.status_code == 302
    only_event(recorded(), action="wagtail.create", object_type="redirect", site_id=site.pk)


def test_registered_settings_are_settings(admin_client, site, recorded):
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry

    site_settings = [model for model in registry if issubclass(model, BaseSiteSetting)]
    if not site_settings:
        pytest.skip("no site setting model is registered in this project")
    assert object_type_for_model(site_settings[0]) == "setting"
