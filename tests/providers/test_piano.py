import pytest

from tests.providers.conftest import LOADER


PROVIDER = "piano"
#: A complete valid configuration: test_validators.py puts hostile values into it.
VALID = {"site_id": "1", "collect_domain": "https://a.pa-cd.com"}


@pytest.mark.parametrize(
    ("mode", "script"),
    [
        (
            "none",
            '<script data-wagtail-tracking="piano" src="https://tag.aticdn.net/piano-analytics.js">'
            "</script>",
        ),
        (
            "exempt",
            '<script type="text/plain" data-wagtail-tracking="piano" '
            'data-wagtail-tracking-src="https://tag.aticdn.net/piano-analytics.js"></script>',
        ),
        (
            "require",
            '<script type="text/plain" data-wagtail-tracking="piano" '
            'data-wagtail-tracking-src="https://tag.aticdn.net/piano-analytics.js"></script>',
        ),
    ],
)
def test_each_consent_mode(configure, render_tags, mode, script):
    configure(
        piano_enabled=True,
        piano_site_id="123456789",
        piano_collect_domain="https://abcdefg.pa-cd.com",
        piano_consent_mode=mode,
    )
    assert render_tags() == (
        '<script id="wagtail-tracking-config" type="application/json">'
        f'{{"providers":{{"piano":{{"consent":"{mode}","site":123456789,'
        f'"collectDomain":"https://abcdefg.pa-cd.com"}}}}}}</script>\n{LOADER}\n{script}',
        "",
    )


def test_piano_never_shares_matomos_queue():
    from pathlib import Path

    import wagtail_tracking

    loader = Path(wagtail_tracking.__file__).parent / "static/wagtail_tracking/js/tracking.js"
    source = loader.read_text()
    # Set in Piano's "before" step, which runs before the SDK is activated or parsed.
    assert 'w._pac.queueVarName = "_pa_q";' in source
