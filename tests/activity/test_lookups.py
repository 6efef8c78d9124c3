"""The small lookups every event needs, on their less travelled paths."""

import pytest
from wagtail.models import Page

from wagtail_tracking.activity import lookups


pytestmark = pytest.mark.django_db


def test_unknown_content_types_give_no_model():
    assert lookups.model_for_content_type(999_999) is None
    assert lookups.model_for_content_type(None) is None


def test_site_for_pages_outside_every_site_is_empty(root_page):
    orphan = root_page.add_child(instance=Page(title="Orphan", slug="orphan"))
    assert lookups.site_id_for_url_path(orphan.url_path) is None
    assert lookups.site_id_for_url_path("") is None


def test_pages_of_every_type_are_one_object():
    assert lookups.object_key(Page, 3) == lookups.object_key(Page, "3") == ("page", "3")
    assert lookups.object_key(None, 3) == (None, "3")
