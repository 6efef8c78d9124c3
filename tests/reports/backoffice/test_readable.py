"""Changes as people read them: labels, choices, Yes/No, names; raw values in the exports."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Collection

from wagtail_tracking.models import ActivityEvent
from wagtail_tracking.reports.backoffice.readable import DiffReader

from .utils import URL, event


pytestmark = pytest.mark.django_db


def lines(obj, diff, object_type="other"):
    one = event(None, "wagtail.edit", 0, obj, object_type=object_type, diff=diff)
    return DiffReader([one]).lines(one)


def test_field_labels_yes_no_related_names_and_masked_values(editor, home_page):
    collection = Collection.get_first_root_node().add_child(name="Press")
    document = get_document_model().objects.create(title="Report", collection=collection)
    diff = {
        "changed": {
            "collection": [Collection.get_first_root_node().pk, collection.pk],
            "title": ["Old", "New"],
        }
    }
    assert lines(document, diff, "document") == [
        f"Collection: {Collection.get_first_root_node()} → Press",
        "Title: Old → New",
    ]
    user_diff = {
        "changed": {"is_active": [True, False], "email": ["***", "***"]},
        "groups": {"added": ["Editors"]},
        "permissions": {"added": ["wagtailadmin.access_admin"]},
    }
    assert lines(editor, user_diff, "user") == [
        "Active: Yes → No",
        "Email address: changed (value not recorded)",
        "Groups: + Editors",
        "Permissions: + Can access Wagtail admin",
    ]


def test_rich_text_and_streamfield_say_changed_with_the_blocks(home_page):
    diff = {
        "changed": {"body": ["<p>" + "a" * 70, "<p>" + "b" * 70]},
    }
    assert lines(home_page, diff, "page") == ["Body: changed"]
    diff = {"changed": {"stream": ["[…]", "[…]"]}, "blocks": {"stream": ["image", "paragraph"]}}
    assert lines(home_page, diff, "page") == ["Stream: changed (image, paragraph)"]


def test_object_permissions_name_the_permission_and_the_page(home_page):
    moderators = Group.objects.get(name="Moderators")
    diff = {"page_permissions": {"added": [{"page": home_page.pk, "permission": "publish_page"}]}}
    [line] = lines(moderators, diff, "group")
    assert line == "Page permissions: + Publish any page on Home"


def test_lines_are_translated_and_exports_keep_raw_values(analyst_client, editor):
    ActivityEvent.objects.all().delete()  # what creating the users recorded
    event(
        editor,
        "wagtail.edit",
        0,
        editor,
        object_type="user",
        diff={"changed": {"is_active": [True, False]}},
    )
    with translation.override("fr"):
        one = ActivityEvent.objects.get()
        assert DiffReader([one]).lines(one) == ["Actif : Oui → Non"] or DiffReader([one]).lines(
            one
        )[0].endswith("Oui → Non")
    html = analyst_client.get(URL + "log/").content.decode()
    assert "Active: Yes → No" in html and "is_active" not in html
    response = analyst_client.get(URL + "log/", {"export": "csv"})
    [row] = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert json.loads(row["diff"]) == {"changed": {"is_active": [True, False]}}


def test_a_page_of_events_costs_one_query_per_related_model(django_assert_max_num_queries):
    root = Collection.get_first_root_node()
    events = [
        event(
            None,
            "wagtail.edit",
            0,
            get_document_model().objects.create(title=f"D{i}"),
            object_type="document",
            diff={"changed": {"collection": [root.pk, root.pk + i]}},
        )
        for i in range(10)
    ]
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(3):  # content type, collections, permissions
        reader = DiffReader(events)
        for one in events:
            reader.lines(one)
