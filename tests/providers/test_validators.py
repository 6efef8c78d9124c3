"""Hostile values through every editable field: refused by validation, or inert in the output."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_tracking.models import TrackingProviderSettings
from wagtail_tracking.output.build import build_site_output


TEXT_FIELDS = [
    field.name
    for field in TrackingProviderSettings._meta.get_fields()
    if field.get_internal_type() == "CharField"
    and field.editable
    and not field.name.endswith("_consent_mode")
]
HOSTILE = st.one_of(
    st.sampled_from(
        [
            '"',
            "'",
            "</script>",
            "</SCRIPT ><script>alert(1)</script>",
            "<!--",
            "<script>",
            "\n",
            "G-ABC123\n",
            "G-ABC123XYZ9\n<script>",
            "https://logs1406\n",
            "javascript:alert(1)",
            "https://evil.example/x.js?</script>",
            "\u2028",
            "é",
            "\U0001f600",
            "G-ÀBC123",
            "1 OR 1=1",
            "${alert(1)}",
        ]
    ),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
        min_size=1,
        max_size=40,
    ),
)
# Every element the tags may emit, attribute values quoted and free of markup characters.
ALLOWED_TAG = re.compile(r'<(script|/script|noscript|/noscript|img)( [a-z-]+(="[^"<>]*")?)*>')


def assert_inert(html):
    assert "<!--" not in html
    for tag in re.findall(r"<[^>]*>?", html):
        assert ALLOWED_TAG.fullmatch(tag), tag
    for content in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S):
        assert "<" not in content and "\n" not in content, content


# A complete configuration per provider, into which one hostile value is put at a time.
VALID = {
    "ga4": {"ga4_measurement_id": "G-ABC123XYZ9"},
    "ua": {"ua_tracking_id": "UA-1-1"},
    "xiti": {
        "xiti_xtsd": "https://logs1",
        "xiti_xtsite": "1",
        "xiti_script": "wagtail_tracking/scripts/site-1/xtcore.js",
        "xiti_script_integrity": "sha384-AAAA",
    },
    "smarttag": {"smarttag_script_url": "https://tag.aticdn.net/1/smarttag.js"},
    "piano": {"piano_site_id": "1", "piano_collect_domain": "https://a.pa-cd.com"},
    "eulerian": {"eulerian_domain": "et1.eulerian.net"},
    "matomo": {"matomo_url": "https://m.example.com/", "matomo_site_id": "1"},
    "plausible": {"plausible_script_id": "pa-abcd"},
    "umami": {"umami_website_id": "94db1cb1-74f4-4a40-ad6c-962362670409"},
}


def test_every_editable_text_field_is_covered():
    assert len(TEXT_FIELDS) == 17


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(field=st.sampled_from(TEXT_FIELDS), value=HOSTILE)
def test_hostile_values_are_refused_or_inert(site, field, value):
    prefix = field.split("_")[0]
    instance = TrackingProviderSettings(site=site, **VALID[prefix])
    setattr(instance, f"{prefix}_enabled", True)
    setattr(instance, f"{prefix}_consent_mode", "none")
    setattr(instance, field, value)
    try:
        instance.clean_fields(exclude=["xiti_script", "smarttag_script", "eulerian_script"])
    except ValidationError as error:
        assert field in error.message_dict
        accepted = False
    else:
        accepted = True
    # Whatever passed, and whatever reached the database by other means, renders inertly.
    output = build_site_output(instance, site=site)
    html = output.render("head", None) + output.render("body", None)
    # Rendering re-validates: a refused value silences its provider, an accepted one is emitted.
    assert (html != "") is accepted
    assert_inert(html)


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(nonce=st.text(min_size=1, max_size=30))
def test_hostile_nonces_stay_inside_their_attribute(site, nonce):
    instance = TrackingProviderSettings(
        site=site, ga4_enabled=True, ga4_measurement_id="G-ABC123XYZ9"
    )
    html = build_site_output(instance, site=site).render("head", nonce)
    assert_inert(html)
    assert html.count(" nonce=") == html.count("<script") == 3


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(host=st.text(min_size=1, max_size=60))
def test_any_host_header_renders_without_error(site, host):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    request.META["HTTP_HOST"] = host
    html = Template("{% load wagtail_tracking_tags %}{% tracking_head %}").render(
        Context({"request": request})
    )
    assert html == ""
