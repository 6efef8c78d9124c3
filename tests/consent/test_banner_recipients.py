"""The banner's choices name each tool's recipient and link to its vendor's privacy policy, in
the same words as the cookie table (CNIL guidance), escaped like everything else it shows."""

import pytest
from django.utils import translation
from django.utils.html import escape

from wagtail_tracking.consent.banner import ActiveTracker, lifetime_in_words, render_banner
from wagtail_tracking.models import ConsentBannerSettings
from wagtail_tracking.providers import get_providers


def tracker_of(slug, provider, **overrides):
    values = {
        "slug": slug,
        "name": str(provider.name),
        "purpose": str(provider.purpose),
        "mode": "require",
        "cookies": provider.cookies,
        "recipient": str(provider.recipient),
        "privacy_policy_url": provider.privacy_policy_url,
        **overrides,
    }
    return ActiveTracker(**values)


@pytest.mark.parametrize("slug", sorted(get_providers()))
def test_each_tool_in_the_choices_names_its_recipient_and_policy(slug):
    provider = get_providers()[slug]
    markup = render_banner(ConsentBannerSettings(), [tracker_of(slug, provider)])
    details = markup.split(f'id="wagtail-tracking-consent-{slug}-details"', 1)[1]
    details = details.split("</div>", 1)[0]
    assert "Recipient of the data:" in details
    assert escape(str(provider.recipient)) in details
    if provider.privacy_policy_url:
        assert f'href="{escape(provider.privacy_policy_url)}"' in details
        assert f'aria-label="Privacy policy of {escape(str(provider.name))}"' in details


def test_recipient_and_policy_link_are_escaped():
    provider = get_providers()["ga4"]
    tracker = tracker_of(
        "ga4",
        provider,
        name='Evil "tool"',
        recipient="<script>alert(1)</script> & Co",
        privacy_policy_url='https://example.com/?a=1&b="x"',
    )
    markup = render_banner(ConsentBannerSettings(), [tracker])
    assert "<script>alert(1)</script>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in markup
    assert 'href="https://example.com/?a=1&amp;b=&quot;x&quot;"' in markup
    assert 'aria-label="Privacy policy of Evil &quot;tool&quot;"' in markup


def test_a_tool_without_declared_recipient_says_so_and_links_nothing():
    provider = get_providers()["ga4"]
    tracker = tracker_of("ga4", provider, recipient="", privacy_policy_url="")
    details = render_banner(ConsentBannerSettings(), [tracker]).split("-details", 1)[1]
    assert "Recipient of the data: <span" in details
    assert "—" in details.split("</div>", 1)[0]
    assert "wagtail-tracking-privacy-link" not in details


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (395, "13 months"),
        (365, "1 year"),
        (730, "2 years"),
        (183, "6 months"),
        (30, "1 month"),
        (1, "1 day"),
        (100, "100 days"),
    ],
)
def test_consent_cookie_lifetime_reads_like_the_vendors_lifetimes(days, words):
    with translation.override("en"):
        assert lifetime_in_words(days) == words
