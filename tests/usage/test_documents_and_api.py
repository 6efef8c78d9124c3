import pytest
from wagtail.models import Collection, CollectionViewRestriction

from wagtail_tracking.usage.models import Audience, UsageCount

from .conftest import totals


pytestmark = pytest.mark.django_db
ANON = Audience.ANONYMOUS


def test_document_download_served_by_wagtail_is_counted(browser, site, document):
    response = browser.get(document.url, HTTP_REFERER="https://partner.example/links")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    objects, referrers = totals()
    assert objects == {("document", document.pk, ANON): 1}
    assert referrers == {("document", "partner.example", ANON): 1}


def test_revalidation_and_wrong_filename_are_not_downloads(browser, site, document):
    first = browser.get(document.url)
    assert first.status_code == 200
    again = browser.get(document.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert browser.get(f"/documents/{document.pk}/other-name.txt").status_code == 404
    assert browser.head(document.url).status_code == 200
    assert UsageCount.objects.object_rows().get().count == 1


@pytest.mark.parametrize("method", ["redirect", "direct"])
def test_redirect_and_direct_modes_count_the_serve_view_redirect(
    browser, site, document, settings, method
):
    # "direct" links point at the storage URL, which Django never sees: only requests that still
    # go through Wagtail's serve view (old links, the API's download_url) can be counted.
    settings.WAGTAILDOCS_SERVE_METHOD = method
    response = browser.get(f"/documents/{document.pk}/{document.filename}")
    assert response.status_code == 302
    assert response["Location"] == document.file.url
    assert UsageCount.objects.object_rows().get().count == 1


def test_private_collection_is_not_counted_until_allowed(browser, site, document):
    collection = Collection.get_first_root_node().add_child(name="Private")
    document.collection = collection
    document.save()
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    assert browser.get(document.url).status_code == 302
    assert not UsageCount.objects.exists()


def test_document_bots_are_not_counted(client, site, document):
    client.get(document.url, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    assert not UsageCount.objects.exists()


@pytest.mark.parametrize(
    ("path", "endpoint"),
    [
        ("/api/v2/pages/", "pages"),
        ("/api/v2/pages/{page}/", "pages/detail"),
        ("/api/v2/pages/find/?html_path=/", "pages/find"),
        ("/api/v2/documents/", "documents"),
        ("/api/v2/images/", "images"),
    ],
)
def test_api_calls_are_counted_per_endpoint(client, home_page, path, endpoint):
    response = client.get(path.format(page=home_page.pk), HTTP_USER_AGENT="python-requests/2.32")
    assert response.status_code in (200, 302)
    objects, referrers = totals()
    if response.status_code == 200:
        assert objects == {("api", endpoint, ANON): 1}
        assert referrers == {("api", "direct", ANON): 1}
    else:  # find/ redirects to the detail endpoint, which the test client does not follow
        assert objects == {}


def test_api_errors_are_not_counted(client, home_page):
    assert client.get("/api/v2/pages/999999/").status_code == 404
    assert client.get("/api/v2/pages/?type=nope.Nope").status_code == 400
    assert not UsageCount.objects.exists()


def test_api_calls_are_not_page_views(browser, home_page):
    browser.get(f"/api/v2/pages/{home_page.pk}/")
    assert set(UsageCount.objects.values_list("kind", flat=True)) == {"api"}
