"""The beacon's own site resolution (no query per beacon) and its public-endpoint hygiene."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from wagtail_tracking.consent.insights.sites import site_for_beacon
from wagtail_tracking.models import ConsentReceipt

from .conftest import choice


pytestmark = pytest.mark.django_db


def request_for(host):
    return RequestFactory().post("/wagtail-tracking/consent/", HTTP_HOST=host)


def test_the_site_is_resolved_once_per_host(site):
    assert site_for_beacon(request_for("localhost")) == site
    with CaptureQueriesContext(connection) as queries:
        assert site_for_beacon(request_for("localhost")) == site
    assert len(queries) == 0


def test_saving_or_deleting_a_site_is_seen_at_once(site, root_page):
    assert site_for_beacon(request_for("shop.example")) == site  # the default site
    shop = Site.objects.create(hostname="shop.example", port=80, root_page=root_page)
    assert site_for_beacon(request_for("shop.example")) == shop
    shop.hostname = "store.example"
    shop.save()
    assert site_for_beacon(request_for("shop.example")) == site
    assert site_for_beacon(request_for("store.example")) == shop
    shop.delete()
    assert site_for_beacon(request_for("store.example")) == site


def test_a_beacon_sets_no_cookie_and_creates_no_session(banner, send):
    response = send(choice(banner))
    assert ConsentReceipt.objects.count() == 1
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert not Session.objects.exists()
