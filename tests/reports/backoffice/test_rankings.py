"""The "Show more" lists: users, pages and other objects ranked by their actions."""

import csv
import io
import re

import pytest

from .utils import URL


pytestmark = pytest.mark.django_db


def test_show_more_users_search_sort_and_drill_down(analyst_client, activity, editor):
    response = analyst_client.get(URL + "users/")
    rows = list(response.context["object_list"])
    assert [row["user_name"] for row in rows] == ["editor", "analyst"]
    response = analyst_client.get(URL + "users/", {"q": "anal"})
    assert [row["user_name"] for row in response.context["object_list"]] == ["analyst"]
    response = analyst_client.get(URL + "users/", {"ordering": "user_name"})
    assert [row["user_name"] for row in response.context["object_list"]] == ["analyst", "editor"]
    response = analyst_client.get(URL + "users/", {"action": "wagtail.publish"})
    assert [(row["user_name"], row["total"]) for row in response.context["object_list"]] == [
        ("editor", 1)
    ]
    assert f"{URL}users/{editor.pk}/" in response.content.decode()
    response = analyst_client.get(URL + f"users/{editor.pk}/")
    assert {event.user_id for event in response.context["object_list"]} == {editor.pk}
    assert len(response.context["object_list"]) == 4  # all time, unless a period is chosen
    assert "Home" in response.content.decode()


def test_show_more_objects_filters_and_history_with_diffs(analyst_client, activity, analyst):
    response = analyst_client.get(URL + "pages/")
    rows = list(response.context["object_list"])
    assert [(row["label"], row["total"], row["previous"]) for row in rows] == [("Home", 2, 1)]
    response = analyst_client.get(URL + "objects/", {"object_type": "page"})
    assert list(response.context["object_list"]) == []
    response = analyst_client.get(URL + "objects/", {"q": "edit"})
    assert [row["title"] for row in response.context["object_list"]] == ["editor"]
    history_url = rows[0]["edit_url"]
    assert history_url.endswith("?period=14d")  # the list's (default) period goes along
    response = analyst_client.get(history_url)
    assert len(response.context["object_list"]) == 2
    assert "From " in response.content.decode()
    response = analyst_client.get(history_url.split("?")[0])
    assert len(response.context["object_list"]) == 3  # all dates, and it says so
    assert "All dates" in response.content.decode()
    html = response.content.decode()
    assert "Title: A → B" in html
    assert "History of Home" in html


def exported(client, url, **params):
    response = client.get(url, {"export": "csv", **params})
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_show_more_exports_name_the_rows_then_the_comparison(analyst_client, activity):
    users = exported(analyst_client, URL + "users/")
    assert users[0] == ["User ID", "User", "This period", "Previous period", "Change (%)"]
    assert [row[1:] for row in users[1:]] == [
        ["editor", "3", "1", "200"],
        ["analyst", "1", "0", "new"],
    ]
    pages = exported(analyst_client, URL + "pages/")
    assert pages[0] == [
        "Object type", "Object ID", "Title", "This period", "Previous period", "Change (%)"
    ]  # fmt: skip
    assert pages[1][0] == "page"
    assert pages[1][2:] == ["Home", "2", "1", "100"]
    objects = exported(analyst_client, URL + "objects/", q="edit")
    assert [row[2] for row in objects[1:]] == ["editor"]


def test_lists_count_what_they_list(analyst_client, activity):
    html = analyst_client.get(URL + "users/").content.decode()
    assert "2 users" in html and not re.search(r"\d+ activity events?\b", html)
    assert "1 page" in analyst_client.get(URL + "pages/").content.decode()
