"""Every back-office view checks "Browse analytics"; the menu and home panel show only with it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail_tracking.models import ActivityEvent

from .utils import URL


pytestmark = pytest.mark.django_db


def all_urls(home_page, editor):
    content_type = ContentType.objects.get_for_model(home_page).pk
    some_event = ActivityEvent.objects.first()
    return [
        URL,
        URL + "results/",
        URL + "?export=csv",
        URL + "users/",
        URL + "pages/",
        URL + "objects/",
        URL + f"users/{editor.pk}/",
        URL + f"objects/{content_type}/{home_page.pk}/",
        URL + "log/",
        URL + "log/?export=csv",
        URL + "log/?export=xlsx",
        URL + "log/?export=json",
        URL + f"log/{some_event.pk}/",
    ]


def test_anonymous_users_go_to_the_login_page(client, activity, editor):
    for url in all_urls(activity, editor):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("wagtailadmin_login") in response["Location"]


def test_editors_without_the_permission_are_denied_everywhere(client, activity, editor):
    client.force_login(editor)
    for url in all_urls(activity, editor):
        response = client.get(url)
        assert response.status_code == 302, url  # Wagtail's permission denied
        assert response["Location"] == reverse("wagtailadmin_home")


def test_menu_and_home_panel_only_with_the_permission(client, activity, editor, analyst):
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert URL not in home
    assert "Back office, last 7 days" not in home
    client.force_login(analyst)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert URL in home
    assert "Back office, last 7 days" in home


def test_analysts_and_superusers_see_every_view(client, activity, editor, admin_user, analyst):
    for user in (analyst, admin_user):
        client.force_login(user)
        for url in all_urls(activity, editor):
            assert client.get(url).status_code == 200, url
