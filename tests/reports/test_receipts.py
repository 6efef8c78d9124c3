import csv
import datetime
import io
import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from wagtail_tracking.models import BannerVersion, ConsentReceipt


pytestmark = pytest.mark.django_db
URL = "/admin/analytics/consent/receipts/"
RID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def receipts(site):
    version = BannerVersion.objects.create(
        site=site,
        language="en",
        digest="0" * 16,
        snapshot={
            "language": "en",
            "texts": {"title": "Your privacy", "accept_label": "Accept all"},
            "policy_url": "/cookies/",
            "tools": [
                {
                    "slug": "ga4",
                    "name": "Google Analytics 4",
                    "purpose": "Audience",
                    "mode": "require",
                    "note": "Runs only if you accept.",
                    "cookies": ["_ga"],
                },
                {
                    "slug": "matomo",
                    "name": "Matomo",
                    "purpose": "Audience",
                    "mode": "exempt",
                    "note": "Exempt.",
                    "cookies": [],
                },
            ],
        },
    )
    now = timezone.now()
    ConsentReceipt.objects.create(
        receipt_id=RID,
        site=site,
        created_at=now,
        version=version,
        action="custom",
        choices={"ga4": False},
    )
    ConsentReceipt.objects.create(
        receipt_id="f" * 32,
        site=site,
        created_at=now - datetime.timedelta(days=40),
        version=version,
        action="accept",
        choices={"ga4": True, "matomo": True},
    )
    # Hostile text in a snapshot (an editor's banner wording) stays text.
    version.snapshot["texts"]["text"] = '=HYPERLINK("http://evil")<script>alert(1)</script>'
    version.save()
    return version


@pytest.fixture
def clerk(django_user_model):
    user = django_user_model.objects.create_user("clerk", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_consent_receipts"),
    )
    return user


def test_browse_analytics_is_not_enough(analyst_client, receipts):
    for url in (URL, URL + "?export=csv", URL + RID + "/"):
        assert analyst_client.get(url)["Location"] == reverse("wagtailadmin_home")


def test_lookup_by_the_reference_the_visitor_quotes(client, clerk, receipts):
    client.force_login(clerk)
    response = client.get(URL, {"q": "0123 4567-89AB-CDEF-0123456789ABCDEF"})
    assert response.status_code == 200
    assert list(response.context["object_list"].values_list("receipt_id", flat=True)) == [RID]
    detail = client.get(URL + "0123456789ABCDEF-0123456789abcdef/").content.decode()
    assert "Google Analytics 4" in detail and "refused" in detail
    assert "not chosen (exemption kept)" in detail  # Matomo, exempt, untouched
    assert "&lt;script&gt;" in detail and "<script>alert" not in detail
    # The header names the receipt under its list (Wagtail shows the last breadcrumb as title).
    crumbs = re.search(r'aria-label="Breadcrumb">(.*?)</nav>', detail, re.S).group(1)
    assert f'href="{URL}"' in crumbs and f"Consent receipt {RID}" in crumbs
    assert client.get(URL + "nothere/").status_code == 404


def test_streamed_exports_for_a_period_are_formula_safe(client, clerk, receipts):
    client.force_login(clerk)
    response = client.get(URL, {"export": "csv", "period": "30d"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "receipt_id"
    assert [row[0] for row in rows[1:]] == [RID]  # the older receipt is outside the period
    assert rows[1][5] == "ga4: refused"
    everything = client.get(URL, {"export": "json"})
    data = json.loads(b"".join(everything.streaming_content))
    assert {row["receipt_id"] for row in data} == {RID, "f" * 32}


def test_menu_item_only_with_the_permission(client, clerk, analyst):
    client.force_login(analyst)
    assert URL.encode() not in client.get(reverse("wagtailadmin_home")).content
    client.force_login(clerk)
    assert URL.encode() in client.get(reverse("wagtailadmin_home")).content
