import pytest

from tests.providers.conftest import LOADER, js_file, sri


PROVIDER = "eulerian"
#: A complete valid configuration: test_validators.py puts hostile values into it.
VALID = {"domain": "et1.eulerian.net"}


LOCALPIX = b"/* ea.localpix.js */ (function(){})();\n"


@pytest.mark.parametrize("mode", ["none", "exempt", "require"])
def test_official_loader_runs_from_the_static_file_in_every_mode(configure, render_tags, mode):
    configure(eulerian_enabled=True, eulerian_domain="et1.eulerian.net", eulerian_consent_mode=mode)
    assert render_tags() == (
        '<script id="wagtail-tracking-config" type="application/json">'
        f'{{"providers":{{"eulerian":{{"consent":"{mode}","domain":"et1.eulerian.net",'
        f'"localScript":false}}}}}}</script>\n{LOADER}',
        "",
    )


@pytest.mark.parametrize(
    ("mode", "active"), [("none", True), ("exempt", False), ("require", False)]
)
def test_a_supplied_localpix_file_is_loaded_with_its_hash(
    configure, render_tags, site, mode, active
):
    configure(
        eulerian_enabled=True,
        eulerian_domain="et1.eulerian.net",
        eulerian_script=js_file("ea.localpix.js", LOCALPIX),
        eulerian_consent_mode=mode,
    )
    url = f"/media/wagtail_tracking/scripts/site-{site.pk}/ea.localpix.js"
    start = (
        f'<script data-wagtail-tracking="eulerian" src="{url}"'
        if active
        else f'<script type="text/plain" data-wagtail-tracking="eulerian" data-wagtail-tracking-src="{url}"'
    )
    head, body = render_tags()
    assert head.endswith(f'{start} integrity="{sri(LOCALPIX)}" crossorigin="anonymous"></script>')
    assert '"localScript":true' in head
