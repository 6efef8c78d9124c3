"""Every admin URL of the plugin, for every role: exactly the expected answer, exports included.

The URLs are discovered from the URL resolver and the settings registry; a URL missing from
``EXPECTED`` fails the test, so no view ships without a line in this matrix.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.reports.backoffice.utils import event
from tests.reports.discovery import analytics_urls, settings_urls
from tests.reports.test_receipts import RID, receipts  # noqa: F401  (a receipt to look up)
from wagtail_tracking.models import ActivityEvent


pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "editor", "moderator", "analyst", "superuser")
LOGIN, DENIED, OK = "login", "denied", "ok"

#: Browse analytics: analysts and superusers; Wagtail's editors and moderators are denied.
ANALYTICS = {"anonymous": LOGIN, "editor": DENIED, "moderator": DENIED, "analyst": OK,
             "superuser": OK}  # fmt: skip
#: Settings › Tracking and Settings › Consent banner: only whoever may change those settings.
SETTINGS = {"anonymous": LOGIN, "editor": DENIED, "moderator": DENIED, "analyst": DENIED,
            "superuser": OK}  # fmt: skip

#: Consent receipts: their own permission, which "Browse analytics" does not give.
RECEIPTS = {"anonymous": LOGIN, "editor": DENIED, "moderator": DENIED, "analyst": DENIED,
            "superuser": OK}  # fmt: skip

EXPECTED = {
    **dict.fromkeys(
        [
            "usage", "usage_results", "usage_pages", "usage_pages_results", "usage_documents",
            "usage_documents_results", "usage_endpoints", "usage_endpoints_results",
            "usage_referrers", "usage_referrers_results", "backoffice", "backoffice_results",
            "backoffice_users", "backoffice_users_results", "backoffice_pages",
            "backoffice_pages_results", "backoffice_objects", "backoffice_objects_results",
            "backoffice_user", "backoffice_user_results", "backoffice_object",
            "backoffice_object_results", "backoffice_events", "backoffice_events_results",
            "backoffice_event", "usage_page_panel", "consent", "consent_results",
        ],
        ANALYTICS,
    ),
    **dict.fromkeys(["consent_receipts", "consent_receipts_results", "consent_receipt"], RECEIPTS),
    "settings:trackingprovidersettings": SETTINGS,
    "settings:consentbannersettings": SETTINGS,
    "settings:alertsettings": SETTINGS,
}  # fmt: skip


@pytest.fixture
def users(django_user_model, editor, analyst, admin_user):
    moderator = django_user_model.objects.create_user(username="moderator", password="x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return {"editor": editor, "moderator": moderator, "analyst": analyst, "superuser": admin_user}


@pytest.fixture
def every_url(site, home_page, editor, receipts):  # noqa: F811
    event(editor, "wagtail.edit", 0, home_page, site=site)
    arguments = {
        "user_id": editor.pk,
        "content_type_id": ContentType.objects.get_for_model(home_page).pk,
        "object_id": str(home_page.pk),
        "page_id": home_page.pk,
        "receipt_id": RID,
        "pk": ActivityEvent.objects.latest("pk").pk,
    }
    return [*analytics_urls(arguments), *settings_urls(site.pk)]


def outcome(response):
    if response.status_code == 200:
        return OK
    if response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]:
        return LOGIN
    if response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    ):
        return DENIED
    return f"HTTP {response.status_code}"


def test_every_discovered_url_is_in_the_matrix(every_url):
    discovered = {found.name for found in every_url}
    assert discovered - EXPECTED.keys() == set(), "new admin URLs: add them to EXPECTED"
    assert EXPECTED.keys() - discovered == set(), "URLs gone: remove them from EXPECTED"


def test_each_role_gets_exactly_what_it_should(client, users, every_url):
    got, expected = {}, {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        for found in every_url:
            for export in ("", *(f"?export={name}" for name in found.exports)):
                key = (role, found.name + export)
                got[key] = outcome(client.get(found.url + export))
                expected[key] = EXPECTED[found.name][role]
    wrong = {key: (got[key], expected[key]) for key in got if got[key] != expected[key]}
    assert wrong == {}, wrong
    assert len(got) == len(ROLES) * sum(1 + len(found.exports) for found in every_url)
