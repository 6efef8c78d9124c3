import pytest


PROVIDER = "ga4"
#: A complete valid configuration: test_validators.py puts hostile values into it.
VALID = {"measurement_id": "G-ABC123XYZ9"}


CONFIG = (
    '<script id="wagtail-tracking-config" type="application/json">'
    '{{"providers":{{"ga4":{{"consent":"{mode}","measurementId":"G-ABC123XYZ9"}}}}}}</script>'
)
LOADER = '<script src="/static/wagtail_tracking/js/tracking.js"></script>'
GTAG = (
    '<script data-wagtail-tracking="ga4" '
    'src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9" async></script>'
)
INERT_GTAG = (
    '<script type="text/plain" data-wagtail-tracking="ga4" '
    'data-wagtail-tracking-src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9" async>'
    "</script>"
)


@pytest.mark.parametrize(
    ("mode", "tag"),
    [("none", GTAG), ("consent_mode", GTAG), ("require", INERT_GTAG)],
)
def test_each_consent_mode_emits_the_google_tag(configure, render_tags, mode, tag):
    configure(ga4_enabled=True, ga4_measurement_id="G-ABC123XYZ9", ga4_consent_mode=mode)
    head, body = render_tags()
    # The loader sits before gtag.js, so consent defaults are set before the tag can run.
    assert head == "\n".join([CONFIG.format(mode=mode), LOADER, tag])
    assert body == ""


def test_exemption_is_not_offered_for_google_analytics(configure):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        configure(ga4_enabled=True, ga4_measurement_id="G-ABC123XYZ9", ga4_consent_mode="exempt")
    assert "ga4_consent_mode" in error.value.message_dict


def test_switched_off_emits_nothing(configure, render_tags):
    configure(ga4_enabled=False, ga4_measurement_id="G-ABC123XYZ9")
    assert render_tags() == ("", "")
