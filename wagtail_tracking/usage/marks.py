"""Marks: what labels a request as one use of a kind (``kinds.UsageKind.mark``).

Hooks and signal receivers only label the request ("this served page 12"); ``hits.hit_for`` applies
the counting rules once the response exists, so a page that answers 404, a password form or a
redirect is never counted. Kinds with a ``RouteMark`` are recognised from the request instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from django.http import HttpRequest, HttpResponseBase
from wagtail.models import Page

from .kinds import KINDS, PAGE, RouteMark, SignalMark, UsageKind


REQUEST_MARK = "_wagtail_tracking_usage"

#: Wagtail's ``on_serve_page`` hooks: given the next ``serve``, return a ``serve`` around it.
ServePage = Callable[[Page, HttpRequest, tuple[Any, ...], dict[str, Any]], HttpResponseBase]


class Target(NamedTuple):
    """What a request was a use of."""

    kind: UsageKind
    object_id: int = 0
    endpoint: str = ""


def mark_request(request: HttpRequest, kind: UsageKind, object_id: int = 0) -> None:
    """Label ``request`` as one use of ``kind`` (of the object ``object_id``), counted later."""
    setattr(request, REQUEST_MARK, Target(kind, object_id))


#: Every kind recognised from the request, with its mark: worked out once, so that a request no
#: hook marked (an admin screen, a static file…) tries the routes without going through ``KINDS``.
ROUTE_KINDS: tuple[tuple[UsageKind, RouteMark], ...] = tuple(
    (kind, kind.mark) for kind in KINDS if isinstance(kind.mark, RouteMark)
)


def target_of(request: HttpRequest) -> Target | None:
    """The mark a hook or a receiver left on the request, else the first route that matches."""
    marked: Target | None = getattr(request, REQUEST_MARK, None)
    if marked is not None:
        return marked
    for kind, mark in ROUTE_KINDS:
        endpoint = mark.match(request)
        if endpoint is not None:
            return Target(kind, 0, endpoint)
    return None


def count_page_views(serve: ServePage) -> ServePage:
    """``on_serve_page`` wrapper, registered inside Wagtail's privacy check.

    Wagtail runs it only once every ``before_serve_page`` hook and the page's view restrictions
    (password, login, groups) have let the request through, so a login redirect or a password
    form is never taken for a page view.
    """

    def mark_and_serve(
        page: Page, request: HttpRequest, serve_args: tuple[Any, ...], serve_kwargs: dict[str, Any]
    ) -> HttpResponseBase:
        mark_request(request, PAGE, page.pk)
        return serve(page, request, serve_args, serve_kwargs)

    return mark_and_serve


def signal_receiver(kind: UsageKind) -> Callable[..., None]:
    """The receiver marking the request a ``SignalMark`` kind's signal is sent with.

    Wagtail sends ``document_served`` after every ``before_serve_document`` hook (collection
    privacy included) has let the download through.
    """

    def mark_use(
        sender: object, instance: Any, request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        if request is not None:
            mark_request(request, kind, instance.pk)

    return mark_use


def signal_kinds() -> list[tuple[UsageKind, SignalMark]]:
    """Every kind counted by a signal, with its mark."""
    return [(kind, kind.mark) for kind in KINDS if isinstance(kind.mark, SignalMark)]
