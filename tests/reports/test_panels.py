"""The 30-day usage panels on the page editor and on the document edit screen."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.admin.panels import ObjectList
from wagtail.documents import get_document_model
from wagtail.models import Page

from tests.activity.utils import page_form
from tests.reports.utils import count
from tests.testapp.models import Author, ContentPage, PlacedPanelPage
from wagtail_tracking.periods import last_days
from wagtail_tracking.reports.panels import (
    HEADING,
    PANEL_DAYS,
    UsagePanel,
    add_usage_panel_to_page_models,
    usage_panel_context,
)
from wagtail_tracking.usage.kinds import API
from wagtail_tracking.usage.models import Audience, UsageCount
from wagtail_tracking.usage.queries import object_usage


pytestmark = pytest.mark.django_db
USAGE_TABLE = UsageCount._meta.db_table


def add(site, kind, object_id, days_ago, n, audience=Audience.ANONYMOUS, referrer=""):
    count(site, kind, days_ago, n, audience=audience, object_id=object_id, referrer=referrer)


def figure(html: str) -> int:
    return int(re.search(r'class="wt-figure__value">([\d,]+)<', html).group(1).replace(",", ""))


def usage_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if USAGE_TABLE in q["sql"]]


@pytest.fixture
def analyst_editor(editor):
    """An editor (pages and documents) who also has "Browse analytics"."""
    editor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtail_tracking", codename="browse_analytics"
        )
    )
    return editor


@pytest.fixture
def hits(site, home_page):
    """6 views in the last 30 days (4 + 2 by admin users), 100 in the 30 days before."""
    add(site, "page", home_page.pk, 0, 4)
    add(site, "page", home_page.pk, PANEL_DAYS - 1, 2, Audience.ADMIN)
    add(site, "page", home_page.pk, PANEL_DAYS, 100)  # first day of the previous 30 days
    add(site, "page", home_page.pk, 2 * PANEL_DAYS, 1000)  # before both periods
    add(site, "page", home_page.pk, 1, 50, referrer="www.google.com")  # the same hits, by referrer
    add(site, "page", home_page.pk + 1, 0, 7)  # another page
    add(site, "document", home_page.pk, 0, 9)  # a document with the same id
    return home_page


@pytest.fixture
def document(site):
    document = get_document_model()(title="Annual report")
    document.file.save("annual-report.txt", ContentFile(b"x"), save=False)
    document.save()
    yield document
    document.file.delete(save=False)


# --- the counts ---


def test_object_usage_is_one_query_with_the_previous_period(hits, django_assert_num_queries):
    with django_assert_num_queries(1):
        usage = object_usage("page", hits.pk, last_days(PANEL_DAYS))
    assert usage["total"] == 6
    assert usage["previous"] == 100
    assert usage["daily"][-1] == 4 and usage["daily"][0] == 2 and len(usage["daily"]) == 30
    assert usage["by_audience"] == {Audience.ANONYMOUS: 4, Audience.ADMIN: 2}


# --- pages ---


def page_panel(client, page) -> str:
    """The page editor's panel as the browser shows it: the frame, then what it fetches."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    [url] = re.findall(r'data-w-swap-src-value="([^"]+)"', html.split("wt-usage-panel-frame")[1])
    assert url == reverse("wagtail_tracking_analytics:usage_page_panel", args=[page.pk])
    panel = client.get(url)
    assert panel.status_code == 200
    return html + panel.content.decode()


def test_page_editor_shows_the_views_of_the_last_30_days(client, analyst_editor, hits):
    client.force_login(analyst_editor)
    html = page_panel(client, hits)
    assert html.count('class="wt-usage-panel"') == 1
    assert "Usage over the last 30 days" in html
    assert figure(html) == 6
    assert "previous 30 days: 100" in html
    assert "<dt>Users with admin access</dt><dd>2</dd>" in html
    assert "wagtail_tracking/css/reports.css" in html and "wagtail_tracking/js/charts.js" in html
    report = reverse("wagtail_tracking_analytics:usage_pages") + "?period=30d&amp;q=Home"
    assert report in html


def test_the_panel_link_opens_the_report_on_the_page(client, analyst_editor, hits):
    client.force_login(analyst_editor)
    response = client.get(
        reverse("wagtail_tracking_analytics:usage_pages"), {"period": "30d", "q": "Home"}
    )
    assert response.status_code == 200
    assert [row["object_id"] for row in response.context["object_list"]] == [hits.pk]


def test_page_without_hits_shows_zero(admin_client, home_page):
    html = page_panel(admin_client, home_page)
    assert 'class="wt-usage-panel"' in html
    assert figure(html) == 0


def test_editors_without_the_permission_see_no_panel_and_cost_no_query(client, editor, hits):
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("wagtailadmin_pages:edit", args=[hits.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "wt-usage-panel" not in html
    assert "Usage over the last" not in html
    assert "wagtail_tracking/js/charts.js" not in html
    assert usage_queries(captured) == []
    panel_url = reverse("wagtail_tracking_analytics:usage_page_panel", args=[hits.pk])
    assert client.get(panel_url).status_code in (302, 403)  # Wagtail's permission denied


def test_the_page_editor_makes_no_query_for_the_panel(admin_client, hits):
    """Wagtail's own page-edit query counts hold: the figures come in a request of their own."""
    with CaptureQueriesContext(connection) as captured:
        admin_client.get(reverse("wagtailadmin_pages:edit", args=[hits.pk]))
    assert usage_queries(captured) == []
    panel_url = reverse("wagtail_tracking_analytics:usage_page_panel", args=[hits.pk])
    with CaptureQueriesContext(connection) as captured:
        admin_client.get(panel_url)
    assert len(usage_queries(captured)) == 1
    assert admin_client.get(panel_url.replace(str(hits.pk), "999999")).status_code == 404


def test_no_panel_when_creating_a_page(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=["testapp", "contentpage", home_page.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "wt-usage-panel" not in response.content.decode()


def test_saving_the_page_is_not_affected(admin_client, home_page):
    url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    response = admin_client.post(url, page_form(home_page, title="Home again"))
    assert response.status_code == 302
    assert ContentPage.objects.get(pk=home_page.pk).get_latest_revision().content["title"] == (
        "Home again"
    )


def test_usage_panel_is_for_page_models_only():
    with pytest.raises(ImproperlyConfigured, match="Author is not a page model"):
        ObjectList([UsagePanel()]).bind_to_model(Author)


def usage_panels(model):
    found = []

    def walk(panel):
        if isinstance(panel, UsagePanel):
            found.append(panel)
        for child in getattr(panel, "children", ()):
            walk(child)

    walk(model.get_edit_handler())
    return found


def test_every_page_model_gets_the_panel_once():
    assert len(usage_panels(ContentPage)) == 1  # added at start-up, on the Promote tab
    assert isinstance(ContentPage.promote_panels[-1], UsagePanel)
    add_usage_panel_to_page_models()  # a second call (or a hand-placed panel) adds nothing
    assert sum(isinstance(panel, UsagePanel) for panel in ContentPage.promote_panels) == 1


def test_models_with_their_own_edit_handler_are_left_alone():
    """PlacedPanelPage imports UsagePanel while Django loads the models and places it itself."""
    assert len(usage_panels(PlacedPanelPage)) == 1
    assert PlacedPanelPage.promote_panels == Page.promote_panels


def test_only_kinds_that_declare_a_panel_have_one(home_page):
    with pytest.raises(ImproperlyConfigured, match="'api' kind of usage declares no panel"):
        usage_panel_context(API, home_page)


def test_heading_follows_the_active_language():
    with translation.override("fr"):
        assert str(HEADING) == "Utilisation au cours des 30 derniers jours"
    assert str(HEADING) == "Usage over the last 30 days"


# --- documents ---


def test_document_edit_screen_shows_the_downloads(client, analyst_editor, site, document):
    add(site, "document", document.pk, 3, 9)
    add(site, "document", document.pk, 40, 5)
    add(site, "page", document.pk, 0, 11)  # a page with the same id
    client.force_login(analyst_editor)
    response = client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="wt-usage-panel"') == 1
    assert "Usage over the last 30 days" in html
    assert figure(html) == 9
    assert "previous 30 days: 5" in html
    assert "wagtail_tracking/css/reports.css" in html and "wagtail_tracking/js/charts.js" in html
    assert 'name="title"' in html  # Wagtail's own form is all there
    assert 'name="wagtail_tracking_usage"' not in html  # and the panel submits nothing
    report = reverse("wagtail_tracking_analytics:usage_documents")
    assert f"{report}?period=30d&amp;q=Annual+report" in html


def test_document_without_downloads_shows_zero(admin_client, document):
    html = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert figure(html) == 0


def test_document_panel_needs_the_permission(client, editor, site, document):
    add(site, "document", document.pk, 0, 9)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert response.status_code == 200
    assert "wt-usage-panel" not in response.content.decode()
    assert usage_queries(captured) == []


def test_saving_a_document_ignores_the_panel(admin_client, document):
    url = reverse("wagtaildocs:edit", args=[document.pk])
    response = admin_client.post(
        url,
        {
            "title": "Annual report 2026",
            "collection": document.collection_id,
            "tags": "",
            "wagtail_tracking_usage": "forged",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Annual report 2026"


def test_no_panel_on_the_upload_forms(admin_client, document):
    for url in (reverse("wagtaildocs:add"), reverse("wagtaildocs:add_multiple")):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "wt-usage-panel" not in response.content.decode()
