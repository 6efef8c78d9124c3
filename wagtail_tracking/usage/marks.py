"""Label requests that serve a page or a document; ``capture.hit_for`` decides later."""

from __future__ import annotations

from .capture import mark_request
from .models import UsageKind


def count_page_views(serve):
    """``on_serve_page`` wrapper, registered inside Wagtail's privacy check.

    Wagtail runs it only once every ``before_serve_page`` hook and the page's view restrictions
    (password, login, groups) have let the request through, so a login redirect or a password
    form is never taken for a page view.
    """

    def mark_and_serve(page, request, serve_args, serve_kwargs):
        mark_request(request, UsageKind.PAGE, page.pk)
        return serve(page, request, serve_args, serve_kwargs)

    return mark_and_serve


def mark_document_download(sender, instance, request, **kwargs) -> None:
    """``document_served`` receiver: Wagtail sends it after every ``before_serve_document``
    hook (collection privacy included) has let the download through."""
    if request is not None:
        mark_request(request, UsageKind.DOCUMENT, instance.pk)
