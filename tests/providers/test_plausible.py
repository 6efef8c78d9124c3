import pytest

from tests.providers.conftest import LOADER


PROVIDER = "plausible"
#: A complete valid configuration: test_validators.py puts hostile values into it.
VALID = {"script_id": "pa-abcd"}


@pytest.mark.parametrize(
    ("mode", "script"),
    [
        (
            "none",
            '<script data-wagtail-tracking="plausible" '
            'src="https://plausible.io/js/pa-6_srOGVV9SLMWJ1ZpUAbG.js" async></script>',
        ),
        (
            "require",
            '<script type="text/plain" data-wagtail-tracking="plausible" '
            'data-wagtail-tracking-src="https://plausible.io/js/pa-6_srOGVV9SLMWJ1ZpUAbG.js" async>'
            "</script>",
        ),
    ],
)
def test_each_consent_mode(configure, render_tags, mode, script):
    configure(
        plausible_enabled=True,
        plausible_script_id="pa-6_srOGVV9SLMWJ1ZpUAbG",
        plausible_consent_mode=mode,
    )
    assert render_tags() == (
        '<script id="wagtail-tracking-config" type="application/json">'
        f'{{"providers":{{"plausible":{{"consent":"{mode}"}}}}}}</script>\n{LOADER}\n{script}',
        "",
    )
