"""The activity log: listings, drill-downs, the inspect view and the streamed exports."""

import csv
import datetime
import io
import json

import pytest
from openpyxl import load_workbook

from wagtail_tracking.models import ActivityEvent

from .utils import URL, event


pytestmark = pytest.mark.django_db


def test_unknown_user_or_object_is_a_404(analyst_client, activity):
    assert analyst_client.get(URL + "users/999999/").status_code == 404
    assert analyst_client.get(URL + "objects/0/nothing/").status_code == 404
    assert analyst_client.get(URL + "log/999999/").status_code == 404


def test_source_data_filters_search_and_inspect(analyst_client, activity, editor):
    response = analyst_client.get(URL + "log/")
    assert len(response.context["object_list"]) == 6  # everything, logins included
    response = analyst_client.get(URL + "log/", {"user": editor.pk, "action": "wagtail.edit"})
    assert len(response.context["object_list"]) == 3
    response = analyst_client.get(URL + "log/", {"q": "home", "period": "7d"})
    assert len(response.context["object_list"]) == 2
    one = ActivityEvent.objects.filter(diff__isnull=False).first()
    response = analyst_client.get(URL + f"log/{one.pk}/")
    html = response.content.decode()
    assert "Title: A → B" in html
    assert "<code>object_title</code>" in html


def test_exports_use_the_dataset_names_respect_filters_and_neutralise(
    analyst_client, activity, editor
):

    event(editor, "wagtail.edit", 0, object_type="snippet", object_id="7", object_title="=1+1")
    response = analyst_client.get(URL + "log/", {"export": "csv", "user": editor.pk})
    assert response.streaming
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert list(rows[0]) == [
        "id", "timestamp", "last_timestamp", "site_id", "user_id", "user_name", "object_type",
        "content_type", "object_id", "object_title", "page_id", "action", "affected_user_id",
        "affected_username", "group_id", "diff", "revision_id", "source", "log_entry_model",
        "log_entry_id", "uuid", "repeat_count",
    ]  # fmt: skip
    assert len(rows) == 5
    assert {row["user_name"] for row in rows} == {"editor"}
    assert "'=1+1" in {row["object_title"] for row in rows}
    assert any(
        json.loads(row["diff"] or "null") == {"changed": {"title": ["A", "B"]}} for row in rows
    )
    assert "wagtailcore.page" in {row["content_type"] for row in rows} or any(
        row["content_type"].startswith("testapp.") for row in rows
    )

    response = analyst_client.get(URL + "log/", {"export": "json", "q": "=1"})
    data = json.loads(b"".join(response.streaming_content))
    assert [item["object_title"] for item in data] == ["=1+1"]  # JSON is data, left as is

    response = analyst_client.get(URL + "log/", {"export": "xlsx", "user": editor.pk})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][9] == "object_title"
    assert "'=1+1" in [row[9] for row in values[1:]]
    assert len(values) == 6


def test_inspect_links_back_to_the_filtered_log_and_to_the_user_and_object(
    analyst_client, activity, editor
):
    one = ActivityEvent.objects.filter(diff__isnull=False).get()
    response = analyst_client.get(URL + f"log/{one.pk}/", {"user": editor.pk, "q": "home"})
    assert response.context["listing_url"] == URL + f"log/?user={editor.pk}&q=home"
    assert response.context["user_url"] == URL + f"users/{editor.pk}/"
    assert response.context["object_url"] == URL + f"objects/{one.content_type_id}/{one.object_id}/"


def test_timestamps_labelled_utc_are_utc_on_screen_and_in_exports(analyst_client, activity):
    """Tests run in Europe/Paris: a local time under "timestamp (UTC)" would be an hour off."""
    moment = datetime.datetime(2026, 7, 1, 10, 30, tzinfo=datetime.UTC)
    one = ActivityEvent.objects.first()
    ActivityEvent.objects.filter(pk=one.pk).update(timestamp=moment, last_timestamp=moment)
    fields = {
        name: value
        for name, _label, value in analyst_client.get(URL + f"log/{one.pk}/").context["fields"]
    }
    assert fields["timestamp"] == "2026-07-01T10:30:00+00:00"
    response = analyst_client.get(URL + "log/", {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert "2026-07-01T10:30:00+00:00" in {row["timestamp"] for row in rows}
    response = analyst_client.get(URL + "log/", {"export": "json"})
    data = json.loads(b"".join(response.streaming_content))
    assert any(item["timestamp"].startswith("2026-07-01T10:30:00") for item in data)
