"""Exports of any number of rows: CSV, XLSX and JSON written as the rows are read.

Wagtail's export builds the listing first and keeps the XLSX workbook in memory; an activity
log of a million events needs neither. The view hands over an iterator of rows (read in chunks
with ``QuerySet.iterator``, a server-side cursor on PostgreSQL), and each format writes them as
they come: CSV and JSON as a streaming response, XLSX with Wagtail's write-only workbook into a
temporary file.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import Button

from .spreadsheet import FormulaSafeExportMixin, neutralise_formula


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Row = dict[str, Any]


class StreamedExportMixin(FormulaSafeExportMixin):
    """Streams ``export_rows()`` as CSV, XLSX or JSON, whatever the number of rows.

    The view defines ``export_rows(queryset)``: one dict per row, keyed by the ``list_export``
    fields, which are also the headings unless ``export_headings`` names them. CSV and XLSX text
    cells are formula-safe; JSON is data, left as is. Put the mixin before the report view class.
    """

    #: Wagtail's ``setup()`` sets ``is_export`` when the ``export`` parameter is one of these.
    FORMATS = ("csv", "xlsx", "json")

    def export_rows(self, queryset: Any) -> Iterator[Row]:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.is_export:
            # Straight to the export: building the listing's context would load every row.
            self.object_list = self.get_filtered_queryset()
            return self.as_spreadsheet(self.object_list, request.GET["export"])
        response: HttpResponseBase = super().get(request, *args, **kwargs)
        return response

    @cached_property
    def header_more_buttons(self) -> list[Button]:
        return [
            *super().header_more_buttons,
            Button(
                _("Download JSON"),
                url=self.get_export_url("json"),
                icon_name="download",
                priority=92,
            ),
        ]

    def as_spreadsheet(self, queryset: Any, spreadsheet_format: str) -> HttpResponseBase:
        if spreadsheet_format == "json":
            response = StreamingHttpResponse(self.stream_json(queryset), "application/json")
            response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.json"'
            return response
        if spreadsheet_format == "xlsx":
            return self.write_xlsx_file_response(queryset)
        csv_response: HttpResponseBase = self.write_csv_response(self.export_rows(queryset))
        return csv_response

    def get_heading(self, queryset: Iterable[Row], field: str) -> str:
        # The rows are dicts, not model instances: no verbose names to look up.
        return force_str(self.export_headings.get(field) or field)

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        # The common cells, without Wagtail's per-cell lookups: a large export's hot path.
        if value is None:
            return ""
        if isinstance(value, str):
            return neutralise_formula(value)
        if isinstance(value, int):
            return value
        if isinstance(value, datetime.datetime) and value.tzinfo and export_format == "csv":
            return value.astimezone(datetime.UTC).isoformat()  # UTC, with its offset
        return super().preprocess_field_value(field, value, export_format)

    def stream_json(self, queryset: Any) -> Iterator[str]:
        yield "[\n"
        first = True
        for row in self.export_rows(queryset):
            yield ("" if first else ",\n") + json.dumps(row, cls=DjangoJSONEncoder)
            first = False
        yield "\n]\n"

    def write_xlsx_file_response(self, queryset: Any) -> FileResponse:
        """Wagtail's write-only workbook, saved to a temporary file rather than to memory."""
        # Closed by the response once sent, which deletes it.
        output = tempfile.TemporaryFile()  # noqa: SIM115
        self.write_xlsx(self.export_rows(queryset), output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type=XLSX_CONTENT_TYPE,
            filename=f"{self.get_filename()}.xlsx",
        )
