"""A provider from another package, configured through the admin and emitted like a built-in."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests.providers.test_admin import edit_url
from wagtail_tracking.models import TrackingProviderSettings


pytestmark = pytest.mark.django_db

PROVIDER = "goatcounter"
#: A complete valid configuration: tests/providers/test_validators.py puts hostile values into it.
VALID = {"endpoint": "https://stats.example.com"}

SCRIPT = (
    'data-wagtail-tracking="goatcounter" {}="https://stats.example.com/count.js" '
    'data-goatcounter="https://stats.example.com/count" async'
)


def post(client, site, **fields):
    return client.post(edit_url(site), {f"goatcounter_{k}": v for k, v in fields.items()})


def render(template):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    return Template("{% load wagtail_tracking_tags %}" + template).render(
        Context({"request": request})
    )


def test_it_has_a_tab_built_from_its_declarations(admin_client, site):
    html = admin_client.get(edit_url(site)).content.decode()
    assert re.search(r'role="tab"[^>]*>.*?GoatCounter \(self-hosted\)', html, re.S)
    assert "The address is the one you open your GoatCounter at." in html
    assert "https://www.goatcounter.com/help/start" in html
    assert re.search(r'<input type="text" name="goatcounter_endpoint"[^>]*maxlength="100"', html)
    assert 'name="goatcounter_allow_local"' in html
    assert re.findall(r'name="goatcounter_consent_mode" value="(\w+)"', html) == ["none", "require"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"enabled": "on", "endpoint": "http://stats.example.com/count"},
            "Enter the https address of your GoatCounter, without a path, "
            "e.g. https://stats.example.com.",
        ),
        ({"enabled": "on"}, "Required when GoatCounter (self-hosted) is enabled."),
    ],
)
def test_a_wrong_value_is_refused_in_the_admin(admin_client, site, fields, message):
    response = post(admin_client, site, **fields)
    assert response.status_code == 200
    assert response.context["form"].errors == {"goatcounter_endpoint": [message]}
    assert "goatcounter" not in TrackingProviderSettings.for_site(site).providers


def test_configured_in_the_admin_it_is_on_the_page_without_consent(admin_client, client, site):
    response = post(
        admin_client,
        site,
        enabled="on",
        endpoint="https://stats.example.com",
        allow_local="on",
        consent_mode="none",
    )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert re.search(
        r'<script data-wagtail-tracking="goatcounter" src="https://stats.example.com/count.js" '
        r'data-goatcounter="https://stats.example.com/count" '
        r'data-goatcounter-settings="\{&quot;allow_local&quot;: true\}" async nonce="[^"]+">',
        html,
    )
    assert 'id="wagtail-tracking-consent"' not in html  # needs no consent: no banner


def test_with_consent_required_it_waits_for_the_visitor(admin_client, site):
    post(
        admin_client,
        site,
        enabled="on",
        endpoint="https://stats.example.com",
        consent_mode="require",
    )
    body = render("{% tracking_body %}")
    assert (
        f'<script type="text/plain" {SCRIPT.format("data-wagtail-tracking-src")}></script>' in body
    )
    assert 'data-wagtail-tracking-choice="goatcounter"' in body  # the banner asks for it
    assert "Audience measurement without cookies" in body


def test_it_has_its_row_in_the_cookie_table(admin_client, site):
    post(
        admin_client,
        site,
        enabled="on",
        endpoint="https://stats.example.com",
        consent_mode="require",
    )
    table = render("{% tracking_cookie_table %}")
    assert re.search(
        r"<th scope=\"row\">GoatCounter \(self-hosted\)</th><td data-label=\"Purpose\">Audience "
        r"measurement without cookies</td><td data-label=\"Recipient of the data\">.*?</td>"
        r"<td data-label=\"Consent\">Runs only if you accept.</td>"
        r"<td data-label=\"Cookies\">none</td><td data-label=\"Lifetime\">not applicable</td>",
        table,
    )
    # The recipient and privacy policy its provider declares (CNIL guidance).
    assert "The site’s own GoatCounter server" in table
    assert 'href="https://www.goatcounter.com/help/privacy"' in table


def test_the_preview_shows_what_it_emits(admin_client, site):
    post(
        admin_client, site, enabled="on", endpoint="https://stats.example.com", consent_mode="none"
    )
    html = admin_client.get(edit_url(site)).content.decode()
    assert (
        "&lt;script data-wagtail-tracking=&quot;goatcounter&quot; "
        "src=&quot;https://stats.example.com/count.js&quot; "
        "data-goatcounter=&quot;https://stats.example.com/count&quot; async&gt;&lt;/script&gt;"
    ) in html


def test_it_emits_nothing_until_enabled(admin_client, site):
    post(admin_client, site, endpoint="https://stats.example.com", consent_mode="none")
    assert TrackingProviderSettings.for_site(site).providers["goatcounter"]["values"] == {
        "endpoint": "https://stats.example.com",
        "allow_local": False,
    }
    assert render("{% tracking_head %}{% tracking_body %}") == ""
