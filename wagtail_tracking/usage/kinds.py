"""The kinds of usage counted: one declaration each, in ``KINDS``.

A kind's declaration holds everything the package knows about it: the value stored in
``UsageCount.kind``, its labels, how a request is recognised as one use of it (its *mark*), which
responses and user agents count, what it is a use of, and what the Usage report, its exports, the
edit-screen panels and the demo data show of it. Those all iterate ``KINDS``; none names a kind.

Counting a new kind touches three places: its declaration here, where its mark is made (nowhere
for a ``SignalMark``: ``signal_handlers`` connects one receiver per signal kind; a ``RouteMark``'s
``match`` function, written here; or a hook that calls ``marks.mark_request``), and its tests.
No migration: the kind column has no ``choices``, only a length (``models.KIND_MAX_LENGTH``).

This module is data for the report, never a dependency on it: usage imports nothing of reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from django.db import models
from django.dispatch import Signal
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext_lazy, pgettext_lazy
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served

from wagtail_tracking.compat import get_page_model

from .models import ENDPOINT_MAX_LENGTH


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class PageServeMark:
    """Marked by ``marks.count_page_views``, which Wagtail's ``on_serve_page`` hook wraps around
    page serving inside its privacy check: login redirects and password forms are never marked."""


@dataclass(frozen=True)
class SignalMark:
    """Marked by a receiver of ``signal`` (connected by ``signal_handlers``), which must be sent
    with the object used as ``instance`` and the request as ``request``."""

    signal: Signal


@dataclass(frozen=True)
class RouteMark:
    """Recognised from the answered request itself: ``match`` returns the endpoint's name, or
    None when the request is not one of this kind. Used when no hook or signal marked it."""

    match: Callable[[HttpRequest], str | None]


Mark: TypeAlias = PageServeMark | SignalMark | RouteMark


@dataclass(frozen=True)
class Objects:
    """What a kind is a use of, when it is counted per object id (not per endpoint).

    The report and the panels name an object by its ``title`` field, as pages and documents do.
    """

    #: The model whose primary keys are counted (called late: models may be swapped).
    get_model: Callable[[], type[models.Model]]
    #: Wagtail's admin URL name editing one object, given its id.
    edit_url_name: str
    #: The title shown for an object deleted since it was counted, with ``%(id)s``.
    deleted_label: StrOrPromise


@dataclass(frozen=True)
class Listing:
    """The kind's top table in the Usage report and its complete "Show more" list."""

    #: URL of the list below the report's, e.g. "pages/" → ``/admin/analytics/usage/pages/``.
    path: str
    #: Its URL name in the analytics namespace (its results twin adds ``_results``).
    url_name: str
    title: StrOrPromise
    top_title: StrOrPromise
    #: Heading of the column naming what is ranked (a title, an endpoint).
    heading: StrOrPromise
    #: Heading of the exported id column; empty for kinds counted per endpoint.
    id_heading: StrOrPromise
    export_filename: str
    #: What the list's pagination counts, with ``%(count)s``: ``npgettext_lazy(…, "count")``.
    count_label: StrOrPromise | None = None


@dataclass(frozen=True)
class DemoFigures:
    """How ``usage.demo`` invents plausible counts of the kind for a demo site."""

    #: A day's hits of the most popular object or endpoint (before weekday and growth).
    daily_hits: float
    #: Each object's or endpoint's popularity, drawn at random in this range.
    popularity: tuple[float, float]
    #: Weekends count 60 % of a weekday (visitors); API clients keep the same pace.
    quiet_weekends: bool = True
    #: At most this many objects per site get counts.
    max_objects: int = 50
    #: What a kind counted per endpoint is counted on.
    endpoints: tuple[str, ...] = ()


def is_success(status: int) -> bool:
    return 200 <= status < 300


def is_served_or_redirected(status: int) -> bool:
    """200: served by Wagtail; 301/302…: sent on to the storage URL ("redirect"/"direct" modes).

    304 answers a browser re-validating a copy it already has: not a new download.
    """
    return status == 200 or status in (301, 302, 303, 307, 308)


# eq=False: a kind equals only itself (hashing its lazy labels would translate them).
@dataclass(frozen=True, eq=False)
class UsageKind:
    """One kind of usage: how it is counted, and what the report and the panels show of it."""

    #: Stored in ``UsageCount.kind`` (``models.KIND_MAX_LENGTH`` characters at most): never
    #: change it once counted.
    value: str
    #: One use, e.g. "Page view" (the referring-domain list's filter).
    label: StrOrPromise
    #: The report's figure, chart series and export column, e.g. "Page views".
    plural: StrOrPromise
    mark: Mark
    listing: Listing
    demo: DemoFigures
    #: What it is a use of; None: counted per endpoint name (``object_id`` 0).
    objects: Objects | None = None
    #: The figure of the 30-day panel on the object's edit screen; None: the kind has no panel.
    panel_label: StrOrPromise | None = None
    #: Whether a response with this HTTP status is one use.
    counts_status: Callable[[int], bool] = is_success
    #: Robots (and requests without a user agent) are not counted; API clients are scripts.
    ignores_robots: bool = True


def wagtail_api_endpoint(request: HttpRequest) -> str | None:
    """The Wagtail API v2 endpoint that answered, e.g. "pages", "pages/detail", "documents/find"."""
    if not hasattr(request, "wagtailapi_router"):  # set by WagtailAPIRouter on its own views only
        return None
    match = request.resolver_match
    if match is None or not match.namespaces:
        return None
    endpoint = match.namespaces[-1]
    if match.url_name and match.url_name != "listing":
        endpoint = f"{endpoint}/{match.url_name}"
    return endpoint[:ENDPOINT_MAX_LENGTH]


PAGE = UsageKind(
    value="page",
    label=_("Page view"),
    plural=_("Page views"),
    mark=PageServeMark(),
    objects=Objects(get_page_model, "wagtailadmin_pages:edit", _("Deleted page #%(id)s")),
    listing=Listing(
        path="pages/",
        url_name="usage_pages",
        title=_("Page views by page"),
        top_title=_("Top pages"),
        heading=pgettext_lazy("usage", "Page"),
        id_heading=_("Page ID"),
        export_filename="usage-pages",
        count_label=npgettext_lazy("analytics count", "%(count)s page", "%(count)s pages", "count"),
    ),
    panel_label=pgettext_lazy("usage", "Views"),
    demo=DemoFigures(daily_hits=120, popularity=(0.3, 1.0), max_objects=200),
)

DOCUMENT = UsageKind(
    value="document",
    label=_("Document download"),
    plural=_("Downloads"),
    mark=SignalMark(document_served),
    objects=Objects(get_document_model, "wagtaildocs:edit", _("Deleted document #%(id)s")),
    listing=Listing(
        path="documents/",
        url_name="usage_documents",
        title=_("Downloads by document"),
        top_title=_("Top documents"),
        heading=pgettext_lazy("usage", "Document"),
        id_heading=_("Document ID"),
        export_filename="usage-documents",
        count_label=npgettext_lazy(
            "analytics count", "%(count)s document", "%(count)s documents", "count"
        ),
    ),
    panel_label=_("Downloads"),
    counts_status=is_served_or_redirected,
    demo=DemoFigures(daily_hits=25, popularity=(0.05, 0.4)),
)

API = UsageKind(
    value="api",
    label=_("API call"),
    plural=_("API calls"),
    mark=RouteMark(wagtail_api_endpoint),
    listing=Listing(
        path="api/",
        url_name="usage_endpoints",
        title=_("API calls by endpoint"),
        top_title=_("Top API endpoints"),
        heading=_("Endpoint"),
        id_heading="",
        export_filename="usage-api-endpoints",
        count_label=npgettext_lazy(
            "analytics count", "%(count)s endpoint", "%(count)s endpoints", "count"
        ),
    ),
    ignores_robots=False,
    demo=DemoFigures(
        daily_hits=60,
        popularity=(0.1, 1.0),
        quiet_weekends=False,
        endpoints=(
            "pages",
            "pages/detail",
            "pages/find",
            "documents",
            "documents/detail",
            "images",
        ),
    ),
)

#: Every kind counted, in the order the report shows them.
KINDS: tuple[UsageKind, ...] = (PAGE, DOCUMENT, API)


def kind_choices() -> list[tuple[str, StrOrPromise]]:
    """``(value, label)`` of every kind, for a filter's choices."""
    return [(kind.value, kind.label) for kind in KINDS]
