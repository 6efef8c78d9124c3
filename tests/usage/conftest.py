import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from wagtail_tracking.models import UsageCount


BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def document(db):
    Document = get_document_model()
    doc = Document(title="Annual report")
    doc.file.save("annual-report.txt", ContentFile(b"figures"), save=False)
    doc.save()
    yield doc
    doc.file.delete(save=False)


@pytest.fixture
def browser(client):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


def totals(**filters):
    """{(kind, object or endpoint, audience): count} of object rows, and referrer rows apart."""
    objects = {}
    referrers = {}
    for row in UsageCount.objects.filter(**filters):
        if row.referrer:
            referrers[(row.kind, row.referrer, row.audience)] = row.count
        else:
            objects[(row.kind, row.endpoint or row.object_id, row.audience)] = row.count
    return objects, referrers


@pytest.fixture(scope="session")
def restore_migrated_data(django_db_setup, django_db_blocker):
    """Put the migrations' rows (Wagtail's root page, default site…) back at the end of a
    session whose transactional tests flushed every table, so that the next run on the reused
    test database (``--reuse-db``) still finds them."""
    from django.db import connections

    # Tests marked serialized_rollback=True start from the migrated rows that pytest-django
    # serialised at setup, and their flush skips post_migrate, leaving the tables empty.
    yield
    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    with django_db_blocker.unblock():
        from wagtail.models import Page

        if contents and not Page.objects.exists():
            connection.creation.deserialize_db_from_string(contents)
