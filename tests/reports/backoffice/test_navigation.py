"""Drill-downs people can navigate: names, links to the admin, breadcrumbs, deleted objects."""

import pytest
from django.contrib.contenttypes.models import ContentType

from wagtail_tracking.models import ActivityEvent

from .utils import URL, event


pytestmark = pytest.mark.django_db


def breadcrumbs(response):
    return [(item["url"], str(item["label"])) for item in response.context["breadcrumbs_items"]]


def test_a_users_actions_name_them_link_their_account_and_lead_back(
    admin_client, analyst_client, activity, editor
):
    editor.first_name, editor.last_name = "Edith", "Smith"
    editor.save()
    response = admin_client.get(URL + f"users/{editor.pk}/", {"period": "7d"})
    html = response.content.decode()
    assert "Actions by Edith Smith (editor)" in html
    assert f'href="/admin/users/edit/{editor.pk}/' in html  # the account, for who may edit users
    names = list(response.context["table"].columns)
    assert "user_name" not in names and "object_title" in names
    assert breadcrumbs(response)[:2] == [
        (URL + "?period=7d", "Back office"),
        (URL + "users/?period=7d", "Users by number of actions"),
    ]
    # An analyst who may not edit users gets no account link.
    html = analyst_client.get(URL + f"users/{editor.pk}/").content.decode()
    assert f'href="/admin/users/edit/{editor.pk}/' not in html


def test_an_objects_history_links_to_it_or_says_it_is_deleted(admin_client, activity, home_page):
    type_id = ContentType.objects.get_for_model(home_page).pk
    response = admin_client.get(URL + f"objects/{type_id}/{home_page.pk}/")
    html = response.content.decode()
    assert f'href="/admin/pages/{home_page.pk}/edit/"' in html
    names = list(response.context["table"].columns)
    assert "object_title" not in names and "object_type" not in names
    assert breadcrumbs(response)[1][1] == "Modified pages"

    event(None, "wagtail.delete", 0, None, object_type="snippet", content_type_id=type_id,
          object_id="999999", object_title="Gone page")  # fmt: skip
    html = admin_client.get(URL + f"objects/{type_id}/999999/").content.decode()
    assert "History of Gone page (deleted)" in html


def test_the_inspect_view_is_titled_by_what_happened(analyst_client, activity, editor):
    publish = ActivityEvent.objects.get(action="wagtail.publish")
    response = analyst_client.get(URL + f"log/{publish.pk}/", {"period": "7d", "user": editor.pk})
    assert str(response.context["page_title"]) == "Publish: Home, by editor"
    assert breadcrumbs(response)[:2] == [
        (URL + "?period=7d", "Back office"),
        (URL + "log/?period=7d", "Activity log"),
    ]
    assert response.context["listing_url"] == URL + f"log/?period=7d&user={editor.pk}"
    listing = analyst_client.get(URL + "log/", {"period": "7d"}).content.decode()
    assert f"log/{publish.pk}/?period=7d" in listing
