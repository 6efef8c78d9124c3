"""The settings screen as editors use it, through Wagtail's admin."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.providers.conftest import XTCORE, js_file, sri
from tests.providers.utils import provider_values
from wagtail_tracking.models import ProviderScript, TrackingProviderSettings


def edit_url(site):
    return reverse(
        "wagtailsettings:edit", args=["wagtail_tracking", "trackingprovidersettings", site.pk]
    )


def form_data(**overrides):
    """Every field of the form as a browser posts it, with nothing enabled."""
    data = {
        "ga4_consent_mode": "require",
        "ua_consent_mode": "require",
        "xiti_consent_mode": "require",
        "smarttag_consent_mode": "require",
        "piano_consent_mode": "require",
        "eulerian_consent_mode": "require",
        "matomo_consent_mode": "require",
        "plausible_consent_mode": "none",
        "umami_consent_mode": "none",
    }
    data.update({k: v for k, v in overrides.items() if v is not False})
    return data


@pytest.fixture
def settings_editor(editor):
    """An editor allowed to change tracking settings, but not to upload scripts."""
    group = Group.objects.create(name="Tracking editors")
    group.permissions.add(
        Permission.objects.get(codename="change_trackingprovidersettings"),
        Permission.objects.get(codename="access_admin"),
    )
    editor.groups.add(group)
    return editor


def test_the_screen_shows_one_tab_per_provider_and_the_preview(admin_client, site):
    html = admin_client.get(edit_url(site)).content.decode()
    for tab in [
        "Google Analytics 4",
        "Universal Analytics (legacy)",
        "XiTi Analyzer NX (AT Internet)",
        "SmartTag (Piano / AT Internet)",
        "Piano Analytics",
        "Eulerian",
        "Matomo",
        "Plausible",
        "Umami",
        "What this site will emit",
    ]:
        assert re.search(rf'role="tab"[^>]*>.*?{re.escape(tab)}', html, re.S), tab
    assert "Google stopped processing Universal Analytics data on 1 July 2023." in html
    assert "https://support.google.com/analytics/answer/12270356" in html


def test_only_the_modes_a_vendor_supports_are_offered(admin_client, site):
    html = admin_client.get(edit_url(site)).content.decode()
    assert re.findall(r'name="ga4_consent_mode" value="(\w+)"', html) == [
        "require",
        "consent_mode",
        "none",
    ]
    assert re.findall(r'name="matomo_consent_mode" value="(\w+)"', html) == [
        "require",
        "exempt",
        "none",
    ]
    assert re.findall(r'name="xiti_consent_mode" value="(\w+)"', html) == ["require", "none"]


def test_a_valid_id_is_saved_and_recorded_in_history(admin_client, site, render_tags):
    response = admin_client.post(
        edit_url(site),
        form_data(ga4_enabled="on", ga4_measurement_id="G-ABC123XYZ9", ga4_consent_mode="none"),
    )
    assert response.status_code == 302
    instance = TrackingProviderSettings.for_site(site)
    assert provider_values(instance, "ga4")["measurement_id"] == "G-ABC123XYZ9"
    entry = ModelLogEntry.objects.for_instance(instance).get()
    assert entry.action == "wagtail.edit"
    assert entry.content_changed
    assert "G-ABC123XYZ9" in render_tags()[0]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"ga4_enabled": "on", "ga4_measurement_id": "UA-12345-1"},
            "ga4_measurement_id",
            "Enter a GA4 measurement ID: “G-” followed by capital letters and digits, e.g. "
            "G-ABC123XYZ9.",
        ),
        (
            {"ga4_enabled": "on"},
            "ga4_measurement_id",
            "Required when Google Analytics 4 is enabled.",
        ),
        (
            {"xiti_xtsd": "https://logs1406.xiti.com/"},
            "xiti_xtsd",
            "Enter the XTSD code with its protocol and without “.xiti.com” or a trailing slash, "
            "e.g. https://logs1406.",
        ),
        (
            {"piano_collect_domain": "abcdefg.pa-cd.com"},
            "piano_collect_domain",
            "Enter the collection domain with https:// and no path, e.g. https://abcdefg.pa-cd.com "
            "(lower case).",
        ),
        (
            {"matomo_url": "http://analytics.example.com/?x=1"},
            "matomo_url",
            "Enter the address of your Matomo with https:// and no query string, "
            "e.g. https://analytics.example.com/ or https://example.matomo.cloud/.",
        ),
        (
            {"umami_website_id": "94DB1CB1"},
            "umami_website_id",
            "Enter the Umami website ID, a lower-case UUID, e.g. "
            "94db1cb1-74f4-4a40-ad6c-962362670409.",
        ),
        (
            {"ga4_consent_mode": "exempt"},
            "ga4_consent_mode",
            "Select a valid choice. exempt is not one of the available choices.",
        ),
    ],
)
def test_a_wrong_value_is_refused_with_a_clear_message_and_nothing_is_saved(
    admin_client, site, fields, field, message
):
    before = TrackingProviderSettings.objects.count()
    response = admin_client.post(edit_url(site), form_data(**fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "The setting could not be saved due to errors." in response.content.decode()
    assert TrackingProviderSettings.objects.count() <= before + 1
    assert [saved.providers for saved in TrackingProviderSettings.objects.filter(site=site)] in (
        [],
        [{}],
    )
    assert not ModelLogEntry.objects.filter(action="wagtail.edit").exists()


def test_the_preview_shows_the_exact_escaped_html(admin_client, configure, site):
    configure(ga4_enabled=True, ga4_measurement_id="G-ABC123XYZ9", ga4_consent_mode="none")
    html = admin_client.get(edit_url(site)).content.decode()
    assert (
        '<pre class="wagtail-tracking-emitted-html__code"><code>&lt;script id=&quot;'
        "wagtail-tracking-config&quot; type=&quot;application/json&quot;&gt;"
    ) in html
    assert (
        "&lt;script data-wagtail-tracking=&quot;ga4&quot; src=&quot;https://www.googletagmanager"
        ".com/gtag/js?id=G-ABC123XYZ9&quot; async&gt;&lt;/script&gt;</code></pre>"
    ) in html


def test_the_preview_says_when_nothing_is_emitted(admin_client, site):
    html = admin_client.get(edit_url(site)).content.decode()
    assert "Nothing: no tracker is enabled for this site." in html


def test_locked_providers_are_read_only(admin_client, configure, site, settings):
    configure(ga4_enabled=True, ga4_measurement_id="G-ABC123XYZ9")
    settings.WAGTAIL_TRACKING = {"PROVIDERS": {"ga4": {"LOCKED": True}}}
    html = admin_client.get(edit_url(site)).content.decode()
    assert "The developers locked these settings" in html
    assert re.search(r'<input[^>]*name="ga4_measurement_id"[^>]*disabled', html)
    response = admin_client.post(edit_url(site), form_data(ga4_measurement_id="G-CHANGED001"))
    assert response.status_code == 302
    state = TrackingProviderSettings.for_site(site).providers["ga4"]
    assert (state["enabled"], state["values"]["measurement_id"]) == (True, "G-ABC123XYZ9")


def test_upload_permission_is_offered_in_the_group_editor(admin_client):
    html = admin_client.get(reverse("wagtailusers_groups:add")).content.decode()
    assert "Can upload tracker script files" in html


def test_editors_without_the_upload_permission_neither_see_nor_change_script_files(
    client, settings_editor, site, configure
):
    configure(
        xiti_xtsd="https://logs1406", xiti_xtsite="123456", xiti_script=js_file(), xiti_enabled=True
    )
    client.force_login(settings_editor)
    html = client.get(edit_url(site)).content.decode()
    assert 'name="xiti_xtsd"' in html
    assert 'name="xiti_script"' not in html
    assert 'name="smarttag_script_url"' not in html
    response = client.post(
        edit_url(site),
        {
            **form_data(
                xiti_enabled="on",
                xiti_xtsd="https://logs1407",
                xiti_xtsite="123456",
                smarttag_script_url="https://evil.example/x.js",
                xiti_script=js_file(content=b"alert(1)"),
            ),
            "xiti_script-clear": "on",
        },
    )
    assert response.status_code == 302
    instance = TrackingProviderSettings.for_site(site)
    assert provider_values(instance, "xiti")["xtsd"] == "https://logs1407"
    assert instance.script("xiti", "script").integrity == sri(XTCORE)
    assert "script_url" not in provider_values(instance, "smarttag")


def test_a_user_with_the_permission_uploads_a_script_and_its_hash_is_stored(
    client, settings_editor, site
):
    settings_editor.user_permissions.add(Permission.objects.get(codename="upload_tracker_scripts"))
    client.force_login(settings_editor)
    response = client.post(
        edit_url(site),
        form_data(
            xiti_enabled="on",
            xiti_xtsd="https://logs1406",
            xiti_xtsite="123456",
            xiti_script=js_file(),
        ),
    )
    assert response.status_code == 302
    script = TrackingProviderSettings.for_site(site).script("xiti", "script")
    assert script.file.read() == XTCORE
    assert script.integrity == sri(XTCORE)
    assert script.size == len(XTCORE)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            js_file("xtcore.html", b"var a;"),
            "Upload the vendor's JavaScript file; its name must end in .js (e.g. xtcore.js).",
        ),
        (
            js_file("xtcore.js", b"<!DOCTYPE html><html><body>Not found</body></html>"),
            "This file contains HTML. Upload the JavaScript file itself, not a page or a snippet "
            "with <script> tags.",
        ),
        (
            js_file("xtcore.js", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            "This file is not text. Upload the JavaScript file the vendor gave you.",
        ),
        (
            js_file("xtcore.js", b"var x = 1;" * 60_000),
            "This file is 586 KB; script files may be at most 512 KB.",
        ),
    ],
)
def test_a_wrong_script_file_is_refused(admin_client, site, upload, message):
    response = admin_client.post(
        edit_url(site),
        form_data(
            xiti_enabled="on",
            xiti_xtsd="https://logs1406",
            xiti_xtsite="123456",
            xiti_script=upload,
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["xiti_script"] == [message]
    assert "xiti" not in TrackingProviderSettings.for_site(site).providers
    assert not ProviderScript.objects.exists()


def test_the_size_limit_is_configurable(admin_client, site, settings):
    settings.WAGTAIL_TRACKING = {"SCRIPT_MAX_SIZE": 1024}
    response = admin_client.post(
        edit_url(site),
        form_data(xiti_script=js_file("xtcore.js", b"var x = 1;" * 200)),
    )
    assert response.context["form"].errors["xiti_script"] == [
        "This file is 2 KB; script files may be at most 1 KB."
    ]


def test_tabs_say_when_the_developers_switched_trackers_off(admin_client, site, settings):
    settings.WAGTAIL_TRACKING = {"PROVIDERS": {"matomo": {"ENABLED": False}}}
    html = admin_client.get(edit_url(site)).content.decode()
    assert html.count("The developers switched this tracker off in this environment") == 1
    settings.WAGTAIL_TRACKING = {"PROVIDERS_ENABLED": False}
    html = admin_client.get(edit_url(site)).content.decode()
    assert "The developers switched every tracker off in this environment" in html


def test_a_rule_about_a_field_the_editor_cannot_see_is_shown_on_the_switch_they_can_see(
    client, settings_editor, site
):
    client.force_login(settings_editor)
    response = client.post(edit_url(site), form_data(smarttag_enabled="on"))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "smarttag_enabled": [
            "Upload the site's smarttag.js file, or enter its address, to enable SmartTag.",
            "Only someone with the permission to upload tracker scripts can provide the "
            "smarttag.js file: ask them to, then enable SmartTag (Piano / AT Internet).",
        ]
    }
    assert "smarttag" not in TrackingProviderSettings.for_site(site).providers


@pytest.mark.parametrize(
    "enabled",
    [
        {"xiti_xtsd": "https://logs1406", "xiti_xtsite": "123456", "xiti_enabled": "on"},
        {"smarttag_enabled": "on"},
    ],
)
def test_a_missing_script_the_editor_cannot_upload_is_said_on_the_form(
    client, settings_editor, site, enabled
):
    client.force_login(settings_editor)
    response = client.post(edit_url(site), form_data(**enabled))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Only someone with the permission to upload tracker scripts can provide" in html
    state = TrackingProviderSettings.for_site(site).providers
    assert not any(value.get("enabled") for value in state.values())
