import pytest


PROVIDER = "ua"
#: A complete valid configuration: test_validators.py puts hostile values into it.
VALID = {"tracking_id": "UA-1-1"}


def expected(mode, script):
    return "\n".join(
        [
            '<script id="wagtail-tracking-config" type="application/json">'
            f'{{"providers":{{"ua":{{"consent":"{mode}","trackingId":"UA-12345-1"}}}}}}</script>',
            '<script src="/static/wagtail_tracking/js/tracking.js"></script>',
            script,
        ]
    )


@pytest.mark.parametrize(
    ("mode", "script"),
    [
        (
            "none",
            '<script data-wagtail-tracking="ua" '
            'src="https://www.google-analytics.com/analytics.js" async></script>',
        ),
        (
            "require",
            '<script type="text/plain" data-wagtail-tracking="ua" '
            'data-wagtail-tracking-src="https://www.google-analytics.com/analytics.js" async>'
            "</script>",
        ),
    ],
)
def test_each_consent_mode(configure, render_tags, mode, script):
    configure(ua_enabled=True, ua_tracking_id="UA-12345-1", ua_consent_mode=mode)
    assert render_tags() == (expected(mode, script), "")
