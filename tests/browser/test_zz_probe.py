import pytest
from tests.browser.utils import log_in_as_admin
pytestmark = pytest.mark.browser
def test_probe(page, test_server, screenshot):
    test_server.scenario("backoffice_activity")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_as_admin(page, test_server)
    page.goto(test_server.url + "/admin/analytics/back-office/?period=30d")
    link = page.locator("a", has_text="See source data").last
    link.scroll_into_view_if_needed()
    print("ICON", link.locator("svg").bounding_box(), link.evaluate("e => e.outerHTML"))
    variants = {
        "A": '<a class="button bicolor button--icon" href="#"><span class="icon-wrapper"><svg class="icon icon-list-ul icon" aria-hidden="true"><use href="#icon-list-ul"></use></svg></span>See source data</a>',
        "B": '<a class="button button-secondary button--icon" href="#"><svg class="icon icon-list-ul icon" aria-hidden="true"><use href="#icon-list-ul"></use></svg>See source data</a>',
        "C": '<a class="button button-secondary button-small" href="#"><svg class="icon icon-list-ul icon" aria-hidden="true"><use href="#icon-list-ul"></use></svg>See source data</a>',
    }
    for name, html in variants.items():
        page.evaluate("h => { const p = document.createElement('p'); p.id='probe'; p.innerHTML = h; document.querySelector('.wt-report').append(p); }", html)
        print("ICON", name, page.locator("#probe svg").bounding_box(), page.locator("#probe a").bounding_box())
        page.locator("#probe").screenshot(path=f"test-artefacts/probe-{name}.png")
        page.evaluate("document.getElementById('probe').remove()")
