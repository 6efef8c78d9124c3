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
