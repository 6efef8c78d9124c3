import pytest
from django.core.exceptions import ValidationError

from tests.providers.conftest import LOADER


PROVIDER = "matomo"
#: A complete valid configuration: test_validators.py puts hostile values into it.
VALID = {"url": "https://m.example.com/", "site_id": "1"}


def config(mode, container="null", site_id="3", cookies="false"):
    return (
        '<script id="wagtail-tracking-config" type="application/json">'
        f'{{"providers":{{"matomo":{{"consent":"{mode}","url":"https://analytics.example.com/",'
        f'"siteId":{site_id},"disableCookies":{cookies},"containerId":{container}}}}}}}</script>'
    )


TRACKER = (
    'data-wagtail-tracking="matomo" {}="https://analytics.example.com/matomo.js" async></script>'
)


@pytest.mark.parametrize(
    ("mode", "script", "body"),
    [
        (
            "none",
            "<script " + TRACKER.format("src"),
            '<noscript><img src="https://analytics.example.com/matomo.php?idsite=3&amp;rec=1" '
            'width="1" height="1" alt=""></noscript>',
        ),
        ("exempt", '<script type="text/plain" ' + TRACKER.format("data-wagtail-tracking-src"), ""),
        ("require", '<script type="text/plain" ' + TRACKER.format("data-wagtail-tracking-src"), ""),
    ],
)
def test_tracker_in_each_consent_mode(configure, render_tags, mode, script, body):
    configure(
        matomo_enabled=True,
        matomo_url="https://analytics.example.com",
        matomo_site_id="3",
        matomo_consent_mode=mode,
    )
    assert render_tags() == (f"{config(mode)}\n{LOADER}\n{script}", body)


def test_cookieless_measurement_is_passed_to_the_loader(configure, render_tags):
    configure(
        matomo_enabled=True,
        matomo_url="https://analytics.example.com/",
        matomo_site_id="3",
        matomo_disable_cookies=True,
        matomo_consent_mode="exempt",
    )
    assert render_tags()[0].startswith(config("exempt", cookies="true"))


def test_tag_manager_container_replaces_the_tracker(configure, render_tags):
    configure(
        matomo_enabled=True,
        matomo_url="https://analytics.example.com/",
        matomo_container_id="EPPlG1eo",
        matomo_consent_mode="none",
    )
    assert render_tags() == (
        config("none", container='"EPPlG1eo"', site_id="null") + f"\n{LOADER}\n"
        '<script data-wagtail-tracking="matomo" '
        'src="https://analytics.example.com/js/container_EPPlG1eo.js" async></script>',
        "",
    )


def test_site_id_is_required_without_a_container(configure):
    with pytest.raises(ValidationError) as error:
        configure(matomo_enabled=True, matomo_url="https://analytics.example.com/")
    assert error.value.message_dict == {
        "matomo_site_id": [
            "Required when Matomo is enabled, unless a Tag Manager container ID is set."
        ]
    }
