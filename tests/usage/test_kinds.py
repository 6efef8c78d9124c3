"""The table of kinds: what it promises, and that a new kind is counted from its declaration."""

import pytest
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served

from wagtail_tracking.usage import marks
from wagtail_tracking.usage.kinds import (
    API,
    DOCUMENT,
    KINDS,
    PAGE,
    DemoFigures,
    Listing,
    RouteMark,
    SignalMark,
    UsageKind,
    kind_choices,
)
from wagtail_tracking.usage.marks import Target, target_of
from wagtail_tracking.usage.middleware import UsageMiddleware
from wagtail_tracking.usage.models import KIND_MAX_LENGTH, UsageCount
from wagtail_tracking.usage.signal_handlers import register_signal_handlers

from .conftest import BROWSER, totals


def new_kind(value: str, mark) -> UsageKind:
    """A kind the package does not count, declared the way a new one would be."""
    return UsageKind(
        value=value,
        label="Newsletter open",
        plural="Newsletter opens",
        mark=mark,
        listing=Listing(
            path=f"{value}/",
            url_name=f"usage_{value}",
            title="Opens by newsletter",
            top_title="Top newsletters",
            heading="Newsletter",
            id_heading="",
            export_filename=f"usage-{value}",
        ),
        demo=DemoFigures(daily_hits=1, popularity=(0.1, 1.0)),
    )


def test_every_kind_fits_the_column_which_lists_none_of_them():
    values = [kind.value for kind in KINDS]
    assert values == ["page", "document", "api"]  # the report's order
    assert all(0 < len(value) <= KIND_MAX_LENGTH for value in values)
    # No choices on the column: a new kind needs no migration.
    assert not UsageCount._meta.get_field("kind").choices


def test_labels_are_lazy_and_follow_the_language():
    assert all(isinstance(kind.plural, Promise) for kind in KINDS)
    with translation.override("fr"):
        assert [str(kind.plural) for kind in KINDS] == [
            "Pages vues",
            "Téléchargements",
            "Appels d’API",
        ]
    assert [str(label) for _, label in kind_choices()] == [
        "Page view",
        "Document download",
        "API call",
    ]


def test_counting_rules_per_kind():
    assert PAGE.counts_status(200) and not PAGE.counts_status(302)
    assert DOCUMENT.counts_status(302) and not DOCUMENT.counts_status(304)
    assert PAGE.ignores_robots and DOCUMENT.ignores_robots and not API.ignores_robots
    assert PAGE.objects and DOCUMENT.objects and API.objects is None
    assert (PAGE.panel_label, API.panel_label) == ("Views", None)


@pytest.mark.django_db
def test_the_document_kind_is_marked_by_its_signal(rf, site):
    Document = get_document_model()
    request = rf.get("/documents/5/report.pdf")
    document_served.send(sender=Document, instance=Document(pk=5), request=request)
    assert target_of(request) == Target(DOCUMENT, 5)


@pytest.mark.django_db
def test_a_new_kind_counted_by_a_signal_needs_only_its_declaration(rf, site, monkeypatch):
    opened = Signal()
    kind = new_kind("newsletter", SignalMark(opened))
    monkeypatch.setattr(marks, "KINDS", (*KINDS, kind))
    register_signal_handlers()

    def view(request):
        opened.send(sender=None, instance=site.root_page, request=request)
        return HttpResponse()

    UsageMiddleware(view)(rf.get("/newsletters/1/", HTTP_USER_AGENT=BROWSER))
    UsageMiddleware(view)(rf.get("/newsletters/1/", HTTP_USER_AGENT="Googlebot/2.1"))
    objects, referrers = totals()
    assert objects == {("newsletter", site.root_page_id, 1): 1}
    assert referrers == {("newsletter", "direct", 1): 1}


@pytest.mark.django_db
def test_a_new_kind_recognised_by_its_route(rf, site, monkeypatch):
    mark = RouteMark(lambda request: "rss" if request.path == "/feed/" else None)
    monkeypatch.setattr(marks, "ROUTE_KINDS", (*marks.ROUTE_KINDS, (new_kind("feed", mark), mark)))
    middleware = UsageMiddleware(lambda request: HttpResponse())
    middleware(rf.get("/feed/", HTTP_USER_AGENT=BROWSER))
    middleware(rf.get("/other/", HTTP_USER_AGENT=BROWSER))
    objects, _ = totals()
    assert objects == {("feed", "rss", 1): 1}
