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


def test_copying_for_translation_through_the_api(client, page, token, recorded, settings):
    from wagtail.models import Locale, Page

    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("fr", "French")]
    Locale.objects.get_or_create(language_code="fr")
    response = client.post(
        reverse("wagtailapi_v3:pages_actions_copy_for_translation", kwargs={"page_id": page.pk}),
        data=json.dumps({"locale": "fr", "copy_parents": True}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    translation = Page.objects.get(translation_key=page.translation_key, locale__language_code="fr")
    event = only_event(
        recorded(action="wagtail.copy_for_translation"), source="api", page_id=translation.pk
    )
    # The copy's implicit create is folded into the copy: one action, one event.
    assert not recorded(action="wagtail.create", page_id=translation.pk)
    assert event.user_name == "admin"


@pytest.mark.parametrize("action", ["wagtail.apitoken.create", "wagtail.apitoken.revoke"])
def test_api_token_actions(admin_user, recorded, action):
    """What the admin's token views log (they are only mounted when the v3 API is installed)."""
    from wagtail.log_actions import LogContext, log
    from wagtail.models import APIToken

    with LogContext(user=admin_user):
        token, _ = APIToken.create_token(user=admin_user, name="CI")
        log(token, action, user=admin_user)
    only_event(
        recorded(), action=action, object_id=str(token.pk), user_name="admin", source="admin"
    )
