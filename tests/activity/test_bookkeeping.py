"""Saves Wagtail or Django make on their own behalf are not the user's actions.

Each test does, through the admin where a user would, something that makes Wagtail or Django
write to a row without anyone editing it, and asserts that no event (or only the event of the
user's real action) is recorded.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.search.backends import get_search_backend

from tests.activity.utils import only_event


pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()


def _document_without_metadata():
    document = Document.objects.create(
        title="Report", file=SimpleUploadedFile("report.txt", b"Annual report")
    )
    # As Wagtail leaves documents uploaded before it stored sizes and hashes.
    Document.objects.filter(pk=document.pk).update(file_size=None, file_hash="")
    return Document.objects.get(pk=document.pk)


def test_opening_a_document_edit_screen_records_nothing(admin_client, recorded):
    document = _document_without_metadata()
    recorded_before = len(recorded())
    response = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert response.status_code == 200
    document.refresh_from_db()
    assert document.file_size is not None  # Wagtail did save its bookkeeping
    assert recorded()[recorded_before:] == []


def test_document_size_and_hash_saved_in_an_admin_request_are_no_edit(admin_client, recorded):
    document = _document_without_metadata()
    # The listing and the usage screen read sizes too.
    admin_client.get(reverse("wagtaildocs:index"))
    admin_client.get(reverse("wagtaildocs:document_usage", args=[document.pk]))
    document.get_file_size()
    document.get_file_hash()
    assert recorded() == []


def test_opening_an_image_edit_screen_and_its_renditions_record_nothing(admin_client, recorded):
    image = Image.objects.create(title="Logo", file=get_test_image_file())
    Image.objects.filter(pk=image.pk).update(file_size=None, file_hash="")
    response = admin_client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert response.status_code == 200
    admin_client.get(reverse("wagtailimages:index"))
    image.refresh_from_db()
    image.get_rendition("fill-50x50")
    image.get_file_hash()
    assert recorded() == []


def test_last_login_is_not_an_edit_of_the_account(client, editor, recorded):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "editor", "password": "password"}
    )
    assert response.status_code == 302
    only_event(recorded(), action="wagtail_tracking.login", user_id=editor.pk)


def test_a_page_edit_is_one_event_whatever_wagtail_saves_after_it(admin_client, page, recorded):
    """save_revision() saves the page's latest_revision pointer and its search index entry."""
    from tests.activity.utils import edit_url, page_form

    response = admin_client.post(edit_url(page), page_form(page, title="About us"))
    assert response.status_code == 302
    only_event(recorded(), action="wagtail.edit", object_type="page")


def test_search_index_updates_record_nothing(page, recorded):
    backend = get_search_backend()
    backend.add(page)
    document = _document_without_metadata()
    backend.add(document)
    assert recorded() == []


def test_locking_a_page_is_the_lock_only(admin_client, page, recorded):
    response = admin_client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    assert response.status_code == 302
    only_event(recorded(), action="wagtail.lock", object_type="page")
    response = admin_client.post(reverse("wagtailadmin_pages:unlock", args=[page.pk]))
    assert [e.action for e in recorded()] == ["wagtail.lock", "wagtail.unlock"]
