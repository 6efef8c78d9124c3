import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wagtail_tracking.activity import diff


@pytest.mark.parametrize(
    "field_name",
    [
        "password",
        "new_password1",
        "api_key",
        "APIKey",
        "secret",
        "client_secret",
        "auth_token",
        "private_key",
        "otp",
        "salt",
    ],
)
def test_secrets_are_never_stored(field_name):
    change = diff.changes({field_name: "hunter2"}, {field_name: "correct horse"})
    assert change == {"changed": {field_name: ["***", "***"]}}


@pytest.mark.parametrize("field_name", ["title", "passage", "footprint", "compass", "name"])
def test_ordinary_fields_keep_their_values(field_name):
    assert diff.changes({field_name: "a"}, {field_name: "b"}) == {
        "changed": {field_name: ["a", "b"]}
    }


def test_extra_masked_fields_come_from_the_setting(settings):
    settings.WAGTAIL_TRACKING = {"ACTIVITY_MASKED_FIELDS": [r"^iban$"]}
    assert diff.changes({"iban": "FR76"}, {"iban": "DE89"}) == {"changed": {"iban": ["***", "***"]}}


def test_long_values_are_cut_and_types_are_json_safe(settings):
    settings.WAGTAIL_TRACKING = {"ACTIVITY_DIFF_MAX_LENGTH": 10}
    change = diff.changes(
        {"body": "x" * 50, "when": None, "tags": ["a"]},
        {"body": "y" * 50, "when": datetime.date(2026, 1, 2), "tags": ["a", "b"]},
    )
    assert change["changed"]["body"] == ["x" * 9 + "…", "y" * 9 + "…"]
    assert change["changed"]["when"] == [None, "2026-01-02"]
    assert change["changed"]["tags"] == ['["a"]', '["a", "b"]']


def test_foreign_keys_are_named_without_id_and_bookkeeping_is_ignored():
    change = diff.changes(
        {"collection_id": 1, "latest_revision": 3, "title": "a"},
        {"collection_id": 2, "latest_revision": 4, "title": "a"},
    )
    assert change == {"changed": {"collection": [1, 2]}}
    assert diff.changes({"title": "a"}, {"title": "a"}) is None


def test_merging_keeps_the_first_old_and_the_last_new_value():
    first = {"changed": {"title": ["A", "B"]}, "groups": {"added": ["Editors"]}}
    second = {
        "changed": {"title": ["B", "C"]},
        "groups": {"removed": ["Editors"], "added": ["Moderators"]},
    }
    assert diff.merge(first, second) == {
        "changed": {"title": ["A", "C"]},
        "groups": {"added": ["Moderators"]},
    }
    # Changing back and forth is no change.
    assert (
        diff.merge({"changed": {"title": ["A", "B"]}}, {"changed": {"title": ["B", "A"]}}) is None
    )


@given(
    st.dictionaries(st.sampled_from(["title", "password", "body", "slug"]), st.text(max_size=200))
)
def test_any_change_never_leaks_a_password(values):
    change = diff.changes({}, values) or {"changed": {}}
    if values.get("password"):
        assert change["changed"]["password"] == ["***", "***"]
    assert all(len(str(v)) <= 80 for pair in change["changed"].values() for v in pair)
