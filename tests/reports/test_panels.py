import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from wagtail_tracking.models import Audience, UsageCount


pytestmark = pytest.mark.django_db


def add(site, kind, object_id, days_ago, n, audience=Audience.ANONYMOUS):
    UsageCount.objects.create(
        day=timezone.localdate() - datetime.timedelta(days=days_ago),
        site=site,
        kind=kind,
        audience=audience,
        object_id=object_id,
        count=n,
    )


def test_page_header_menu_links_to_the_page_usage_panel(admin_client, site, home_page):
    add(site, "page", home_page.pk, 0, 4)
    add(site, "page", home_page.pk, 29, 2, Audience.ADMIN)
    add(site, "page", home_page.pk, 30, 100)  # 31 days ago: the previous 30 days
    url = reverse("wagtail_tracking_analytics:page_usage", args=[home_page.pk])
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))
    assert url in edit.content.decode()
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["figure"].current == 6
    assert response.context["figure"].previous == 100
    assert dict(response.context["audiences"])["Users with admin access"] == 2
    assert "Usage over the last 30 days" in response.content.decode()


def test_page_usage_needs_edit_permission(client, site, home_page, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="reader", password="password")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    url = reverse("wagtail_tracking_analytics:page_usage", args=[home_page.pk])
    assert client.get(url).status_code == 302
    assert (
        client.get(reverse("wagtail_tracking_analytics:page_usage", args=[999999])).status_code
        == 404
    )


def test_document_edit_view_shows_downloads(admin_client, site):
    Document = get_document_model()
    document = Document(title="Report")
    document.file.save("report.txt", ContentFile(b"x"), save=False)
    document.save()
    add(site, "document", document.pk, 3, 9)
    response = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Usage over the last 30 days" in html
    assert 'class="wt-figure__value">9<' in html
    assert "wagtail_tracking/css/reports.css" in html
    assert 'name="title"' in html  # Wagtail's own form is still there
    document.file.delete(save=False)
