"""How stored codes and diffs read in the back office."""

import pytest

from wagtail_tracking.reports.backoffice.labels import action_label, describe_diff, user_label


def test_a_diff_reads_as_one_line_per_change():
    diff = {
        "changed": {"title": ["A", "B"], "seo_title": [None, "x"], "live": True},
        "groups": {"added": ["Editors"], "removed": ["Moderators"]},
        "tags": {"added": [], "removed": ["old"]},
        "note": "",
    }
    assert describe_diff(diff) == [
        "title: A → B",
        "seo_title: ∅ → x",
        "live: True",
        "groups: + Editors − Moderators",
        "tags: − old",
        "note: ∅",
    ]
    assert describe_diff(None) == describe_diff(["A", "B"]) == []


@pytest.mark.django_db
def test_unregistered_actions_and_nameless_users_still_read():
    assert action_label("wagtail.publish") == "Publish"
    assert action_label("thirdparty.sync") == "thirdparty.sync"
    assert user_label("", 12) == "User #12"
    assert user_label("ann", 12) == "ann"
