import contextlib

import pytest
from django.contrib.auth.models import Group
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.log_actions import registry as log_registry
from wagtail.models import Collection, Locale, Site

from tests.testapp.models import Author, ContentPage
from wagtail_tracking.activity import object_types
from wagtail_tracking.activity.object_types import ObjectType, object_type_for_model


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (ContentPage, "page"),
        (Author, "snippet"),
        (get_image_model(), "image"),
        (Group, "group"),
        (Collection, "collection"),
        (Site, "site"),
        (Locale, "other"),
        (None, "other"),
    ],
)
def test_builtin_object_types(model, expected):
    assert object_type_for_model(model) == expected


def register_people():
    return [ObjectType("people", "People", models=[Author])]


@contextlib.contextmanager
def registered_with(hook_name):
    with hooks.register_temporarily(hook_name, register_people):
        object_types.clear_cache()
        try:
            yield
        finally:
            object_types.clear_cache()


def test_projects_add_object_types_with_a_hook():
    with registered_with("register_wagtail_tracking_object_types"):
        assert object_type_for_model(Author) == "people"
        assert ("people", "People") in object_types.get_object_type_choices()
    assert object_type_for_model(Author) == "snippet"


def test_the_hooks_former_name_still_works_with_a_deprecation_warning():
    with (
        registered_with("register_tracking_object_types"),
        pytest.warns(DeprecationWarning) as warnings,
    ):
        assert object_type_for_model(Author) == "people"
    [warning] = warnings
    message = str(warning.message)
    assert "'register_wagtail_tracking_object_types'" in message
    assert "register_people" in message


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("wagtail_tracking.login", "Log in"),
        ("wagtail_tracking.logout", "Log out"),
        ("wagtail_tracking.login_failed", "Failed login"),
        ("wagtail_tracking.groups_change", "Change groups"),
        ("wagtail_tracking.permissions_change", "Change permissions"),
        ("wagtail_tracking.bulk_action", "Bulk action"),
    ],
)
def test_the_plugins_actions_are_registered_with_wagtail(action, label):
    assert log_registry.action_exists(action)
    assert str(log_registry.get_action_label(action)) == label
