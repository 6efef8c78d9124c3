"""Actions through Wagtail 8's REST API v3 are recorded once, with source "api"."""

import json

import pytest
from django.urls import reverse

from tests.activity.utils import only_event


pytest.importorskip("wagtail.api.v3.urls", reason="the REST API v3 is new in Wagtail 8")
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.activity.api_urls")]


@pytest.fixture
def token(admin_user):
    from wagtail.models import APIToken

    _, plaintext = APIToken.create_token(user=admin_user, name="CI")
    return plaintext


def test_publishing_through_the_api(client, page, token, recorded, site):
    response = client.post(
        reverse("wagtailapi_v3:pages_actions_publish", kwargs={"page_id": page.pk}),
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200, response.content
    only_event(
        recorded(action="wagtail.publish"),
        source="api",
        user_name="admin",
        page_id=page.pk,
        site_id=site.pk,
        object_type="page",
    )


def test_editing_through_the_api_has_a_diff(client, page, token, recorded):
    response = client.patch(
        reverse("wagtailapi_v3:update_page", kwargs={"page_id": page.pk}),
        data=json.dumps({"meta": {"type": "testapp.ContentPage"}, "title": "About (API)"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200, response.content
    event = only_event(
        recorded(action="wagtail.edit"), source="api", user_name="admin", page_id=page.pk
    )
    assert event.diff["changed"]["title"] == ["About", "About (API)"]
