"""The optional wagtail-modeladmin integration: a model managed by a ModelAdmin, through its views.

Runs where wagtail-modeladmin is installed (`make test`, the Wagtail 8 cells of tox.ini) and
skips elsewhere; `test_nothing_imported_without_modeladmin` runs where it is absent.
"""

import importlib.util
import sys

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.activity.utils import only_event
from wagtail_tracking.activity.actions import INSPECT
from wagtail_tracking.activity.object_types import object_type_for_model


INSTALLED = importlib.util.find_spec("wagtail_modeladmin") is not None
needs_modeladmin = pytest.mark.skipif(not INSTALLED, reason="wagtail-modeladmin is not installed")

pytestmark = pytest.mark.django_db


def book_url(action, *args):
    return reverse(f"modeladmin_app_book_modeladmin_{action}", args=args)


@pytest.fixture
def book_model():
    return apps.get_model("modeladmin_app", "Book")


@pytest.fixture
def book(book_model):
    return book_model.objects.create(title="Dune", author="Herbert")


@needs_modeladmin
def test_the_model_is_a_type_of_its_own(book_model):
    assert object_type_for_model(book_model) == "modeladmin_app.book"


@needs_modeladmin
def test_create_is_captured_once(admin_client, recorded, book_model):
    response = admin_client.post(book_url("create"), {"title": "Solaris", "author": "Lem"})
    assert response.status_code == 302
    book = book_model.objects.get()
    only_event(
        recorded(),
        action="wagtail.create",
        object_type="modeladmin_app.book",
        object_id=str(book.pk),
        object_title="Solaris",
        content_type_id=ContentType.objects.get_for_model(book_model).pk,
    )


@needs_modeladmin
def test_edit_is_captured_once_with_its_changes(admin_client, recorded, book):
    response = admin_client.post(book_url("edit", book.pk), {"title": "Dune Messiah", "author": ""})
    assert response.status_code == 302
    event = only_event(
        recorded(),
        action="wagtail.edit",
        object_type="modeladmin_app.book",
        object_id=str(book.pk),
        object_title="Dune Messiah",
    )
    assert event.diff == {"changed": {"title": ["Dune", "Dune Messiah"], "author": ["Herbert", ""]}}


@needs_modeladmin
def test_delete_is_captured_once(admin_client, recorded, book):
    response = admin_client.post(book_url("delete", book.pk))
    assert response.status_code == 302
    only_event(
        recorded(),
        action="wagtail.delete",
        object_type="modeladmin_app.book",
        object_id=str(book.pk),
        object_title="Dune",
    )


@needs_modeladmin
def test_inspect_is_captured_once(admin_client, recorded, book):
    assert admin_client.get(book_url("inspect", book.pk)).status_code == 200
    only_event(
        recorded(),
        action=INSPECT,
        object_type="modeladmin_app.book",
        object_id=str(book.pk),
        object_title="Dune",
    )


@needs_modeladmin
def test_an_inspection_refused_records_nothing(client, django_user_model, recorded, book):
    editor = django_user_model.objects.create_user("editor", password="pass")  # no permission
    client.force_login(editor)
    assert client.get(book_url("inspect", book.pk)).status_code in (302, 403)
    assert recorded(action=INSPECT) == []


@needs_modeladmin
def test_the_log_and_the_drill_down_link_to_the_modeladmin_edit_view(admin_client, recorded, book):
    admin_client.post(book_url("edit", book.pk), {"title": "Dune", "author": "F. Herbert"})
    [event] = recorded()
    edit = book_url("edit", book.pk)

    log = admin_client.get(reverse("wagtail_tracking_analytics:backoffice_events"))
    assert f'href="{edit}"' in log.text

    drill_down = admin_client.get(
        reverse(
            "wagtail_tracking_analytics:backoffice_object",
            args=[event.content_type_id, event.object_id],
        )
    )
    assert drill_down.status_code == 200
    assert f'href="{edit}"' in drill_down.text


@needs_modeladmin
def test_no_edit_link_once_the_object_is_deleted(admin_client, recorded, book):
    edit = book_url("edit", book.pk)
    admin_client.post(book_url("delete", book.pk))
    log = admin_client.get(reverse("wagtail_tracking_analytics:backoffice_events"))
    assert log.status_code == 200
    assert f'href="{edit}"' not in log.text


@needs_modeladmin
def test_the_dashboard_counts_it_under_its_own_type(admin_client, recorded, book):
    admin_client.post(book_url("edit", book.pk), {"title": "Dune", "author": "F. Herbert"})
    response = admin_client.get(
        reverse("wagtail_tracking_analytics:backoffice_events"),
        {"object_type": "modeladmin_app.book"},
    )
    assert response.status_code == 200
    assert "Dune" in response.text
    dashboard = admin_client.get(reverse("wagtail_tracking_analytics:backoffice"))
    assert dashboard.status_code == 200
    assert "Book" in dashboard.text


@pytest.mark.skipif(INSTALLED, reason="wagtail-modeladmin is installed")
def test_nothing_imported_without_modeladmin():
    assert "wagtail_tracking.activity.modeladmin" not in sys.modules
    assert "wagtail_modeladmin" not in sys.modules
