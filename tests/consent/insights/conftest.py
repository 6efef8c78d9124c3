import json
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from wagtail_tracking.consent.insights.sites import forget_sites
from wagtail_tracking.consent.insights.versions import forget_versions


GA4 = {"ga4_enabled": True, "ga4_measurement_id": "G-TEST123", "ga4_consent_mode": "require"}
MATOMO = {
    "matomo_enabled": True,
    "matomo_url": "https://stats.example.com/",
    "matomo_site_id": "3",
    "matomo_consent_mode": "exempt",
}
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
URL = "/wagtail-tracking/consent/"


@pytest.fixture(autouse=True)
def _fresh_versions():
    forget_versions()
    forget_sites()
    yield
    forget_versions()
    forget_sites()


def page_config():
    """The consent config of the page as a visitor receives it."""
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    html = Template("{% load wagtail_tracking_tags %}{% tracking_head %}").render(
        Context({"request": request})
    )
    match = re.search(r'<script id="wagtail-tracking-config"[^>]*>(.*?)</script>', html)
    return json.loads(match.group(1))["consent"]


@pytest.fixture
def banner(configure):
    """A site with GA4 (consent required) and Matomo (exempt): the banner's config."""
    configure(**GA4, **MATOMO)
    return page_config()


@pytest.fixture
def send(client):
    def send(payload, *, origin="http://localhost", agent=BROWSER, raw=None, **extra):
        body = raw if raw is not None else json.dumps(payload)
        headers = {"HTTP_USER_AGENT": agent, "HTTP_HOST": "localhost", **extra}
        if origin is not None:
            headers["HTTP_ORIGIN"] = origin
        return client.post(URL, data=body, content_type="text/plain", **headers)

    return send


def choice(banner, event="accept", receipt="a" * 32, **choices):
    return {
        "v": banner["banner"],
        "l": banner["lang"],
        "e": event,
        "c": choices or {"ga4": True, "matomo": True},
        "r": receipt,
    }
