"""Third-party providers through the ``register_wagtail_tracking_providers`` hook.

``FathomProvider`` keeps its values in ``WAGTAIL_TRACKING["PROVIDERS"]["fathom"]["OPTIONS"]`` by
overriding ``get_emission()``; ``tests/thirdparty`` shows the usual way, declared fields.
"""

import re

import pytest
from wagtail import hooks
from wagtail.contrib.settings.views import get_setting_edit_handler

from tests.providers.conftest import LOADER
from tests.providers.test_admin import edit_url
from wagtail_tracking.providers import (
    BUILTIN_PROVIDERS,
    DEPRECATED_HOOK_NAME,
    HOOK_NAME,
    BaseProvider,
    CheckboxField,
    ConsentMode,
    Emission,
    ProviderMisconfigured,
    Script,
    TextField,
    get_providers,
)
from wagtail_tracking.providers.checks import check_provider_settings


class FathomProvider(BaseProvider):
    """The README's example: settings from WAGTAIL_TRACKING["PROVIDERS"]["fathom"]["OPTIONS"]."""

    slug = "fathom"
    name = "Fathom"
    consent_modes = (ConsentMode.NONE, ConsentMode.REQUIRE)
    hosts = ("cdn.usefathom.com",)

    def get_emission(self, settings, *, site, options):
        site_id = options.get("SITES", {}).get(site.hostname)
        if site_id is None:
            return None
        if not re.fullmatch(r"[A-Z]{8}", site_id):
            raise ProviderMisconfigured(f"site ID {site_id!r} is not 8 capital letters")
        return Emission(
            config={"consent": options.get("CONSENT", "none")},
            head=[
                Script(
                    "https://cdn.usefathom.com/script.js", (("defer", True), ("data-site", site_id))
                )
            ],
            adapters=[Script("/static/fathom/adapter.js")],
        )


@pytest.fixture
def fathom_registered():
    get_providers.cache_clear()
    get_setting_edit_handler.cache_clear()
    with hooks.register_temporarily(HOOK_NAME, lambda: [FathomProvider]):
        yield
    get_providers.cache_clear()
    get_setting_edit_handler.cache_clear()


def test_builtins_come_first_in_a_fixed_order_then_hook_providers():
    slugs = list(get_providers())
    assert slugs == [*(provider.slug for provider in BUILTIN_PROVIDERS), "goatcounter"]
    # The emitting order (and the order of the tabs) of the first built-ins never changes.
    first = ["ga4", "ua", "xiti", "smarttag", "piano", "eulerian", "matomo", "plausible", "umami"]
    assert [slug for slug in slugs if slug in first] == first


def test_a_hook_provider_is_emitted_with_its_adapter_before_the_loader(
    fathom_registered, render_tags, settings, site
):
    settings.WAGTAIL_TRACKING = {
        "PROVIDERS": {"fathom": {"OPTIONS": {"SITES": {"localhost": "ABCDEFGH"}}}}
    }
    assert render_tags() == (
        '<script id="wagtail-tracking-config" type="application/json">'
        '{"providers":{"fathom":{"consent":"none"}}}</script>\n'
        '<script data-wagtail-tracking="fathom" src="/static/fathom/adapter.js"></script>\n'
        f"{LOADER}\n"
        '<script data-wagtail-tracking="fathom" src="https://cdn.usefathom.com/script.js" defer '
        'data-site="ABCDEFGH"></script>',
        "",
    )
    assert check_provider_settings() == []


def test_a_misconfigured_hook_provider_is_skipped(
    fathom_registered, render_tags, settings, caplog, site
):
    settings.WAGTAIL_TRACKING = {
        "PROVIDERS": {"fathom": {"OPTIONS": {"SITES": {"localhost": "x"}}}}
    }
    assert render_tags() == ("", "")
    assert "fathom is enabled for site 'Main [default]' but misconfigured" in caplog.text


def test_a_hook_provider_gets_a_tab_like_the_builtins(fathom_registered, admin_client, site):
    html = admin_client.get(edit_url(site)).content.decode()
    assert re.search(r'role="tab"[^>]*>.*?Fathom', html, re.S)
    assert re.findall(r'name="fathom_consent_mode" value="(\w+)"', html) == ["none", "require"]


def test_the_old_hook_name_still_works_with_a_deprecation_warning():
    get_providers.cache_clear()
    try:
        with (
            hooks.register_temporarily(DEPRECATED_HOOK_NAME, lambda: [FathomProvider]),
            pytest.warns(DeprecationWarning, match="register_wagtail_tracking_providers"),
        ):
            assert "fathom" in get_providers()
    finally:
        get_providers.cache_clear()


def hook_errors(*returned):
    """The providers' system checks while a hook function returns ``returned``."""
    get_providers.cache_clear()
    try:
        with hooks.register_temporarily(HOOK_NAME, lambda: list(returned)):
            return check_provider_settings()
    finally:
        get_providers.cache_clear()


def test_hook_returning_something_else_is_e020():
    errors = hook_errors("not a provider")
    assert [e.id for e in errors] == ["wagtail_tracking.E020"]
    assert "returned 'not a provider', which is not a BaseProvider." in errors[0].msg


def test_provider_without_a_usable_slug_is_e021():
    class Nameless(BaseProvider):
        slug = "has space"

    assert [e.id for e in hook_errors(Nameless())] == ["wagtail_tracking.E021"]


class Declared(BaseProvider):
    slug = "declared"
    name = "Declared"


def test_a_provider_without_consent_modes_is_e022():
    class NoModes(Declared):
        consent_modes = ()

    [error] = hook_errors(NoModes)
    assert error.id == "wagtail_tracking.E022"
    assert error.msg == (
        "The tracker provider test_a_provider_without_consent_modes_is_e022.<locals>.NoModes "
        "('declared'): consent_modes must be a non-empty tuple of ConsentMode values."
    )


def test_unusable_fields_are_e023():
    class BadFields(Declared):
        fields = (
            TextField("site", "site"),
            CheckboxField("site", "again"),
            TextField("enabled", "reserved"),
            "not a field",
        )

    [error] = hook_errors(BadFields)
    assert error.id == "wagtail_tracking.E023"
    assert "these fields cannot be used: TextField(name='site'" in error.msg
    assert "'not a field'" in error.msg


def test_cookies_that_are_not_declarations_are_e024():
    class PlainCookies(Declared):
        cookies = ("_id",)

    assert [e.id for e in hook_errors(PlainCookies)] == ["wagtail_tracking.E024"]


def test_settings_of_two_providers_with_one_name_are_e025():
    class Goat(Declared):
        slug = "goatcounter_x"  # goatcounter's "x…" fields would clash…
        fields = (TextField("y", "y"),)

    class Clash(Declared):
        slug = "goatcounter"  # …but it replaces the one of tests/thirdparty
        fields = (TextField("x_y", "x y"),)

    errors = hook_errors(Goat, Clash)
    assert [e.id for e in errors] == ["wagtail_tracking.E025"]
    assert "its setting 'goatcounter_x_y' has the name of a setting of the" in errors[0].msg


def test_the_builtin_declarations_pass_the_checks():
    assert check_provider_settings() == []
