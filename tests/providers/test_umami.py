import pytest

from tests.providers.conftest import LOADER


PROVIDER = "umami"
#: A complete valid configuration: test_validators.py puts hostile values into it.
VALID = {"website_id": "94db1cb1-74f4-4a40-ad6c-962362670409"}


UUID = "94db1cb1-74f4-4a40-ad6c-962362670409"


@pytest.mark.parametrize(
    ("mode", "script"),
    [
        (
            "none",
            '<script data-wagtail-tracking="umami" src="https://cloud.umami.is/script.js" defer '
            f'data-website-id="{UUID}"></script>',
        ),
        (
            "require",
            '<script type="text/plain" data-wagtail-tracking="umami" '
            'data-wagtail-tracking-src="https://cloud.umami.is/script.js" defer '
            f'data-website-id="{UUID}"></script>',
        ),
    ],
)
def test_each_consent_mode(configure, render_tags, mode, script):
    configure(umami_enabled=True, umami_website_id=UUID, umami_consent_mode=mode)
    assert render_tags() == (
        '<script id="wagtail-tracking-config" type="application/json">'
        f'{{"providers":{{"umami":{{"consent":"{mode}"}}}}}}</script>\n{LOADER}\n{script}',
        "",
    )
