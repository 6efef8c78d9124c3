import pytest
from django.core.exceptions import ValidationError

from tests.providers.conftest import LOADER, XTCORE, js_file, sri
from wagtail_tracking.models import ProviderScript


PROVIDER = "xiti"
#: A complete valid configuration: test_validators.py puts hostile values into it.
VALID = {"xtsd": "https://logs1", "xtsite": "1"}  # and an uploaded xtcore.js


def config(mode):
    return (
        '<script id="wagtail-tracking-config" type="application/json">'
        f'{{"providers":{{"xiti":{{"consent":"{mode}","xtsd":"https://logs1406",'
        '"xtsite":"123456","level2":"15","pageRoot":"my_site"}}}</script>'
    )


@pytest.fixture
def xiti(configure):
    def xiti(mode):
        return configure(
            xiti_enabled=True,
            xiti_xtsd="https://logs1406",
            xiti_xtsite="123456",
            xiti_level2="15",
            xiti_page_root="my_site",
            xiti_script=js_file(),
            xiti_consent_mode=mode,
        )

    return xiti


def test_no_consent_mode_runs_xtcore_at_the_end_of_the_body_with_a_pixel(xiti, render_tags, site):
    instance = xiti("none")
    url = f"/media/wagtail_tracking/scripts/site-{site.pk}/xtcore.js"
    assert instance.script("xiti", "script").file.url == url
    assert render_tags() == (
        f"{config('none')}\n{LOADER}",
        f'<script data-wagtail-tracking="xiti" src="{url}" integrity="{sri(XTCORE)}" '
        'crossorigin="anonymous"></script>\n'
        '<noscript><img src="https://logs1406.xiti.com/hit.xiti?s=123456&amp;s2=15&amp;p=my_site'
        '&amp;di=" width="1" height="1" alt=""></noscript>',
    )


def test_consent_required_mode_emits_xtcore_inert_and_no_pixel(xiti, render_tags, site):
    xiti("require")
    url = f"/media/wagtail_tracking/scripts/site-{site.pk}/xtcore.js"
    assert render_tags() == (
        f"{config('require')}\n{LOADER}",
        f'<script type="text/plain" data-wagtail-tracking="xiti" data-wagtail-tracking-src="{url}" '
        f'integrity="{sri(XTCORE)}" crossorigin="anonymous"></script>',
    )


def test_xtcore_file_is_required(configure):
    with pytest.raises(ValidationError) as error:
        configure(xiti_enabled=True, xiti_xtsd="https://logs1406", xiti_xtsite="123456")
    assert error.value.message_dict == {
        "xiti_script": ["Upload the site's xtcore.js file to enable XiTi."]
    }


def test_integrity_follows_a_replaced_file_and_is_cleared_with_it(xiti, configure):
    instance = xiti("none")
    assert instance.script("xiti", "script").integrity == sri(XTCORE)
    instance = configure(xiti_script=js_file(content=b"var other = 1;\n"))
    assert instance.script("xiti", "script").integrity == sri(b"var other = 1;\n")
    assert ProviderScript.objects.count() == 1
    instance = configure(xiti_enabled=False, xiti_script=None)
    assert instance.script("xiti", "script") is None
    assert not ProviderScript.objects.exists()
