"""Connect the usage counters' receivers when the app is ready."""

from __future__ import annotations

from wagtail.documents.models import document_served

from .marks import mark_document_download


def register_signal_handlers() -> None:
    document_served.connect(mark_document_download, dispatch_uid="wagtail_tracking_usage_docs")
