import datetime

import pytest
from django.test.utils import isolate_apps
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
        "access_key",
        "aws_access_key_id",
        "accessKey",
        "license_key",
        "ssh_key",
        "ssh_keys",
        "keyfile",
        "dsn",
        "sentry_dsn",
        "webhook_url",
        "slack_webhook",
        "stripe_key",
        "encryption_key",
    ],
)
def test_secrets_are_never_stored(field_name):
    change = diff.changes({field_name: "hunter2"}, {field_name: "correct horse"})
    assert change == {"changed": {field_name: ["***", "***"]}}


@pytest.mark.parametrize(
    "field_name",
    [
        "title",
        "passage",
        "footprint",
        "compass",
        "name",
        "keyword",
        "monkey",
        "key_figures",
        "author",
        "pinned",
        "ga4_measurement_id",
        "cookie_policy_url",
    ],
)
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


@pytest.mark.parametrize(
    "url",
    [
        "postgres://app:hunter2@db.example/prod",
        "https://user:pass@hooks.example/x",
        "see redis://:s3cret@cache:6379/0 for the cache",
    ],
)
def test_urls_with_credentials_are_masked_whatever_the_field(url):
    assert diff.changes({"endpoint": "https://example.com/"}, {"endpoint": url}) == {
        "changed": {"endpoint": ["***", "***"]}
    }
    assert diff.changes({"endpoint": "a"}, {"endpoint": "https://example.com/a@b"}) == {
        "changed": {"endpoint": ["a", "https://example.com/a@b"]}
    }


@isolate_apps("tests.testapp")
def test_keys_are_the_real_field_names():
    """Only foreign keys lose ``_id``: a text field named ``…_id`` keeps its name."""
    from django.db import models as db_models

    class Tracker(db_models.Model):
        ga4_measurement_id = db_models.CharField(max_length=20)
        owner = db_models.ForeignKey("auth.User", on_delete=db_models.CASCADE)

        class Meta:
            app_label = "testapp"

        def __str__(self):
            return self.ga4_measurement_id

    change = diff.changes(
        {"ga4_measurement_id": "G-1", "owner_id": 1},
        {"ga4_measurement_id": "G-2", "owner_id": 2},
        Tracker,
    )
    assert change == {"changed": {"ga4_measurement_id": ["G-1", "G-2"], "owner": [1, 2]}}
    # Without the model (revision content already uses field names) nothing is renamed.
    assert diff.changes({"ga4_measurement_id": "G-1"}, {"ga4_measurement_id": "G-2"}) == {
        "changed": {"ga4_measurement_id": ["G-1", "G-2"]}
    }


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # A StreamField of opening hours as stored in revision content and as a form saves it.
        (
            '[{"type": "hours", "value": {"opens": "09:00", "closes": "17:30"}, "id": "a"}]',
            '[{"type": "hours", "value": {"opens": "09:00:00", "closes": "17:30:00"}, "id": "a"}]',
        ),
        # Child relation rows (an inline of times) and tags in another order, with other pks.
        (
            [{"pk": 1, "day": "MON", "opening_time": "09:00", "sort_order": 0}],
            [{"pk": 7, "day": "MON", "opening_time": datetime.time(9, 0), "sort_order": 0}],
        ),
        (
            [{"pk": 1, "tag": 3, "content_object": 9}, {"pk": 2, "tag": 5, "content_object": 9}],
            [{"pk": 4, "tag": 5, "content_object": 9}, {"pk": 3, "tag": 3, "content_object": 9}],
        ),
        ("09:00", datetime.time(9, 0)),
        ({"a": 1, "b": [1, 2]}, '{"b": [1, 2], "a": 1}'),
    ],
)
def test_reserialised_values_are_no_change(before, after):
    assert diff.changes({"hours_of_operation": before}, {"hours_of_operation": after}) is None


def test_real_changes_in_nested_values_are_still_seen():
    assert diff.changes(
        {"hours": '[{"type": "h", "value": "09:00"}]'},
        {"hours": '[{"type": "h", "value": "10:00"}]'},
    )
    # Blocks of a StreamField and ordered inlines keep their order.
    a = '[{"type": "p", "value": "x"}, {"type": "p", "value": "y"}]'
    b = '[{"type": "p", "value": "y"}, {"type": "p", "value": "x"}]'
    assert diff.changes({"body": a}, {"body": b})
    assert diff.changes(
        {"rows": [{"v": 1, "sort_order": 0}, {"v": 2, "sort_order": 1}]},
        {"rows": [{"v": 2, "sort_order": 0}, {"v": 1, "sort_order": 1}]},
    )
    assert diff.changes({"tags": [{"tag": 3}]}, {"tags": [{"tag": 3}, {"tag": 4}]})


def test_personal_fields_of_user_accounts_are_changed_without_values(settings):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    old = {"email": "a@example.com", "first_name": "Ada", "is_active": True}
    new = {"email": "b@example.com", "first_name": "Ava", "is_active": False}
    assert diff.changes(old, new, User) == {
        "changed": {
            "email": ["***", "***"],
            "first_name": ["***", "***"],
            "is_active": [True, False],
        }
    }
    settings.WAGTAIL_TRACKING = {"ACTIVITY_DIFF_PERSONAL_VALUES": True}
    assert diff.changes(old, new, User)["changed"]["email"] == ["a@example.com", "b@example.com"]


def test_foreign_keys_are_named_without_id_and_bookkeeping_is_ignored():
    from wagtail.documents.models import Document

    change = diff.changes(
        {"collection_id": 1, "latest_revision": 3, "title": "a"},
        {"collection_id": 2, "latest_revision": 4, "title": "a"},
        Document,
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


def test_streamfield_changes_name_the_blocks_affected():
    old = '[{"type": "heading", "value": "Hi", "id": "1"}, {"type": "paragraph", "value": "<p>a</p>", "id": "2"}]'
    new = '[{"type": "heading", "value": "Hi", "id": "1"}, {"type": "paragraph", "value": "<p>b</p>", "id": "2"}, {"type": "image", "value": 4, "id": "3"}]'
    change = diff.changes({"body": old}, {"body": new})
    assert change["blocks"] == {"body": ["image", "paragraph"]}
    assert "body" in change["changed"]
    merged = diff.merge(change, diff.changes({"body": new}, {"body": old}))
    assert merged is None  # changed back: neither the values nor the blocks remain
