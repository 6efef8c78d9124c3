import pytest
from django.core.exceptions import ValidationError

from tests.providers.conftest import LOADER, js_file, sri


PROVIDER = "smarttag"
#: A complete valid configuration: test_validators.py puts hostile values into it.
VALID = {"script_url": "https://tag.aticdn.net/1/smarttag.js"}


SMARTTAG = b"/* SmartTag 5.29 */ (function(){window.ATInternet={};})();\n"


def config(mode, site="123456", level2="15"):
    return (
        '<script id="wagtail-tracking-config" type="application/json">'
        f'{{"providers":{{"smarttag":{{"consent":"{mode}","site":{site},"level2":{level2}}}}}}}'
        "</script>"
    )


@pytest.mark.parametrize(
    ("mode", "active"), [("none", True), ("exempt", False), ("require", False)]
)
def test_uploaded_smarttag_in_each_mode(configure, render_tags, site, mode, active):
    configure(
        smarttag_enabled=True,
        smarttag_script=js_file("smarttag.js", SMARTTAG),
        smarttag_site_id="123456",
        smarttag_level2="15",
        smarttag_consent_mode=mode,
    )
    url = f"/media/wagtail_tracking/scripts/site-{site.pk}/smarttag.js"
    script = (
        f'<script data-wagtail-tracking="smarttag" src="{url}"'
        if active
        else '<script type="text/plain" data-wagtail-tracking="smarttag" '
        f'data-wagtail-tracking-src="{url}"'
    )
    assert render_tags() == (
        f'{config(mode)}\n{LOADER}\n{script} integrity="{sri(SMARTTAG)}" crossorigin="anonymous">'
        "</script>",
        "",
    )


def test_smarttag_from_an_address_has_no_integrity(configure, render_tags):
    configure(
        smarttag_enabled=True,
        smarttag_script_url="https://tag.aticdn.net/123456/smarttag.js",
        smarttag_consent_mode="exempt",
    )
    assert render_tags() == (
        f"{config('exempt', site='null', level2='null')}\n{LOADER}\n"
        '<script type="text/plain" data-wagtail-tracking="smarttag" '
        'data-wagtail-tracking-src="https://tag.aticdn.net/123456/smarttag.js"></script>',
        "",
    )


def test_a_file_or_an_address_is_required_but_not_both(configure):
    with pytest.raises(ValidationError) as error:
        configure(smarttag_enabled=True)
    assert list(error.value.message_dict) == ["smarttag_script"]
    with pytest.raises(ValidationError) as error:
        configure(
            smarttag_enabled=True,
            smarttag_script=js_file("smarttag.js", SMARTTAG),
            smarttag_script_url="https://tag.aticdn.net/123456/smarttag.js",
        )
    assert list(error.value.message_dict) == ["smarttag_script_url"]


def test_an_address_must_be_https(configure):
    with pytest.raises(ValidationError) as error:
        configure(smarttag_script_url="http://tag.aticdn.net/123456/smarttag.js")
    assert error.value.message_dict["smarttag_script_url"] == [
        "Enter an https address ending in .js, without a query string, "
        "e.g. https://tag.aticdn.net/123456/smarttag.js."
    ]
