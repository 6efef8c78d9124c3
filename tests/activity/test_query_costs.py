"""What the plugin's invisible group-editor panel costs Wagtail's own views.

Wagtail's test suite counts queries on the group create and edit views: displaying them must
cost nothing more with the plugin's panel, and saving a group one query before and one after.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks

from wagtail_tracking.activity.permission_panel import PermissionChangesPanel


pytestmark = pytest.mark.django_db


def without_our_panel(monkeypatch):
    original = hooks.get_hooks

    def get_hooks(name):
        found = original(name)
        if name == "register_group_permission_panel":
            return [fn for fn in found if fn() is not PermissionChangesPanel]
        return found

    monkeypatch.setattr(hooks, "get_hooks", get_hooks)


def queries(client, url):
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("view", ["add", "edit"])
def test_showing_the_group_editor_costs_no_query(admin_client, monkeypatch, view):
    group = Group.objects.get(name="Moderators")
    url = reverse(f"wagtailusers_groups:{view}", args=[group.pk] if view == "edit" else [])
    with_panel = queries(admin_client, url)
    without_our_panel(monkeypatch)
    assert queries(admin_client, url) == with_panel


def test_reading_a_groups_object_permissions_is_one_query(django_assert_num_queries, home_page):
    from wagtail_tracking.activity.permission_panel import object_permissions

    group = Group.objects.get(name="Moderators")
    with django_assert_num_queries(1):
        permissions = object_permissions(group)
    assert {kind for kind, _id, _code in permissions} == {"page", "collection"}
