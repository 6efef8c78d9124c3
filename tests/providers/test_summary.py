"""Settings › Tracking at a glance: the first tab says which trackers are on for this site, how
they ask for consent and what is wrong, each linking to its tab."""

import re

from tests.providers.test_admin import edit_url
from wagtail_tracking.models import TrackingProviderSettings
from wagtail_tracking.providers import get_provider
from wagtail_tracking.providers.summary import tracker_status


def summary_row(html, slug):
    match = re.search(rf'<tr data-tracker="{slug}">(.*?)</tr>', html, re.S)
    assert match, slug
    return re.sub(r"\s+", " ", match.group(1))


def test_the_first_tab_summarises_every_tracker_and_links_to_its_tab(admin_client, configure, site):
    configure(matomo_enabled=True, matomo_url="https://stats.example.org/", matomo_site_id="3")
    html = admin_client.get(edit_url(site)).content.decode()
    tabs = re.findall(r'role="tab"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+?)\s*<', html)
    assert tabs[0] == "At a glance"
    assert "1 tracker is on for this site." in html
    matomo = summary_row(html, "matomo")
    assert 'href="#tab-matomo"' in matomo and "On" in matomo
    assert "CNIL exemption" not in matomo and "Consent required" in matomo
    assert "Off" in summary_row(html, "ga4")
    # Each tracker's tab anchor is its slug, whatever the language.
    assert 'id="tab-matomo"' in html and 'id="tab-ga4"' in html


def test_a_tracker_on_with_missing_values_is_reported(site):
    settings = TrackingProviderSettings(site=site)
    settings.update_provider("matomo", enabled=True, consent_mode="require", values={})
    status = tracker_status(get_provider("matomo"), settings)
    assert status.enabled
    assert [str(problem) for problem in status.problems] == [
        "Site URL (tracker URL): Required when Matomo is enabled.",
        "Site ID: Required when Matomo is enabled, unless a Tag Manager container ID is set.",
    ]


def test_developer_switches_are_reported(site, settings):
    settings.WAGTAIL_TRACKING = {"PROVIDERS": {"ga4": {"ENABLED": False, "LOCKED": True}}}
    status = tracker_status(get_provider("ga4"), TrackingProviderSettings(site=site))
    assert "Switched off by the developers" in str(status.problems[0])
    assert "Locked by the developers" in str(status.notes[0])


def test_google_consent_mode_is_flagged_in_the_summary_and_in_the_tab(
    admin_client, configure, site
):
    configure(ga4_enabled=True, ga4_measurement_id="G-ABC123XYZ9", ga4_consent_mode="consent_mode")
    html = admin_client.get(edit_url(site)).content.decode()
    assert "Google&#x27;s script is loaded and contacted" in summary_row(html, "ga4")
    # The tab's warning is in the page (CSS shows it while Consent Mode v2 is the chosen mode).
    assert 'data-wt-consent-mode-warning="ga4"' in html
    assert 'data-wt-consent-mode-warning="matomo"' not in html  # Matomo offers no such mode
    assert "wagtail_tracking/css/settings.css" in html


def test_the_switch_names_the_vendor_and_the_help_boxes_use_wagtail_markup(admin_client, site):
    html = admin_client.get(edit_url(site)).content.decode()
    assert re.search(
        r'<label for="id_matomo_enabled"[^>]*><span[^>]*>Enable Matomo on this site', html
    )
    # The switch's panel icon is not a checkbox (it looked ticked while the box was not).
    assert re.search(
        r"icon-site w-panel__icon(?:(?!</button>).)*</button>\s*<h2[^>]*>\s*<label "
        r'for="id_matomo_enabled"',
        html,
        re.S,
    )
    # Wagtail's help block, with its icon (no blank gutter).
    assert re.search(r'class="help-block help-info">\s*<svg class="icon icon-help', html)


def test_the_script_field_shows_the_file_in_place_with_remove_and_replace(admin_client, site):
    from tests.providers.conftest import XTCORE, js_file, sri
    from tests.providers.test_admin import form_data

    admin_client.post(
        edit_url(site),
        form_data(
            xiti_enabled="on",
            xiti_xtsd="https://logs1406",
            xiti_xtsite="123456",
            xiti_script=js_file(),
        ),
    )
    html = re.sub(r"\s+", " ", admin_client.get(edit_url(site)).content.decode())
    card = html[html.index('class="wt-script-file"') :]
    card = card[: card.index('name="xiti_script"')]
    assert "Current file" in card and ".js</a>" in card
    assert f"<dd>{len(XTCORE)}\xa0bytes</dd>" in card or "bytes</dd>" in card
    assert "Uploaded" in card and sri(XTCORE) in card
    assert 'name="xiti_script-clear"' in card and "Remove this script when saving" in card
    assert "Replace it with another file:" in card
