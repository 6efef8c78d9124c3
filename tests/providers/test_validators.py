"""Hostile values through every editable field: refused by validation, or inert in the output."""

import importlib
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.providers.utils import apply_settings
from wagtail_tracking.models import ProviderScript, TrackingProviderSettings
from wagtail_tracking.output.build import build_site_output
from wagtail_tracking.providers import TextField, get_providers


TEXT_FIELDS = [
    (slug, field.name)
    for slug, provider in get_providers().items()
    for field in provider.fields
    if isinstance(field, TextField)
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


def valid_configurations():
    """{slug: a complete valid configuration}, from each provider's test module (its ``PROVIDER``
    and ``VALID``), so that a new vendor's tests say it in their own file."""
    found = {}
    for folder in ("providers", "thirdparty"):
        for path in sorted((Path(__file__).parents[1] / folder).glob("test_*.py")):
            module = importlib.import_module(f"tests.{folder}.{path.stem}")
            if hasattr(module, "VALID"):
                found[module.PROVIDER] = module.VALID
    return found


# A complete configuration per provider, into which one hostile value is put at a time.
VALID = valid_configurations()


def test_every_editable_text_field_is_covered():
    # TEXT_FIELDS comes from the declarations; each provider's tests give a valid configuration.
    assert {slug for slug, _name in TEXT_FIELDS} == set(VALID)
    assert ("xiti", "page_root") in TEXT_FIELDS and ("goatcounter", "endpoint") in TEXT_FIELDS


def saved_settings(site):
    """The site's saved row, with an uploaded xtcore.js (XiTi needs one)."""
    instance, _created = TrackingProviderSettings.objects.get_or_create(site=site)
    ProviderScript.objects.get_or_create(
        settings=instance,
        provider="xiti",
        field="script",
        defaults={"file": "wagtail_tracking/scripts/site-1/xtcore.js", "integrity": "sha384-AAAA"},
    )
    instance.providers = {}
    return instance


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(field=st.sampled_from(TEXT_FIELDS), value=HOSTILE)
def test_hostile_values_are_refused_or_inert(site, field, value):
    slug, name = field
    instance = saved_settings(site)
    values = {**VALID[slug], name: value}
    instance.update_provider(slug, enabled=True, consent_mode="none", values=values)
    try:
        instance.full_clean()
    except ValidationError as error:
        assert list(error.message_dict) == [f"{slug}_{name}"]
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
    instance = apply_settings(
        TrackingProviderSettings(site=site),
        {"ga4_enabled": True, "ga4_measurement_id": "G-ABC123XYZ9"},
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
