"""The public beacon: what it counts, what it keeps, and what it refuses (always with a 204)."""

import pytest
from django.test import override_settings

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.consent.insights.versions import forget_versions
from wagtail_tracking.models import (
    BannerVersion,
    ConsentBannerSettings,
    ConsentCount,
    ConsentReceipt,
)

from .conftest import choice, page_config


pytestmark = pytest.mark.django_db


def counts():
    return {(c.event, c.tool): c.count for c in ConsentCount.objects.all()}


def test_page_config_names_the_beacon_and_the_banner_version(banner):
    assert banner["beacon"] == "/wagtail-tracking/consent/"
    assert len(banner["banner"]) == 16
    assert banner["lang"] == "en"
    assert banner["receipts"] is True


def test_accept_all_counts_and_keeps_a_receipt_with_what_was_shown(banner, send):
    response = send(choice(banner))
    assert response.status_code == 204
    assert response.content == b""
    assert counts() == {("accept", ""): 1, ("tool_yes", "ga4"): 1, ("tool_yes", "matomo"): 1}
    receipt = ConsentReceipt.objects.get()
    assert receipt.receipt_id == "a" * 32
    assert receipt.choices == {"ga4": True, "matomo": True}
    assert receipt.action == "accept"
    snapshot = receipt.version.snapshot
    assert snapshot["texts"]["accept_label"] == "Accept all"
    assert [tool["slug"] for tool in snapshot["tools"]] == ["ga4", "matomo"]
    assert {tool["mode"] for tool in snapshot["tools"]} == {"require", "exempt"}


def test_shown_close_signal_and_change(banner, send):
    base = {"v": banner["banner"], "l": "en"}
    send({**base, "e": "shown"})
    send({**base, "e": "signal"})
    send(choice(banner, "close", receipt="b" * 32, ga4=False))
    send({**choice(banner, "custom", receipt="c" * 32, ga4=False, matomo=True), "g": True})
    assert counts() == {
        ("shown", ""): 1,
        ("signal", ""): 1,
        ("close", ""): 1,
        ("refuse", ""): 2,  # closing and GPC are refusals
        ("custom", ""): 1,
        ("change", ""): 1,
        ("tool_no", "ga4"): 2,
        ("tool_yes", "matomo"): 1,
    }
    assert ConsentReceipt.objects.count() == 2
    assert ConsentReceipt.objects.get(receipt_id="c" * 32).changed is True


def test_a_replayed_receipt_is_counted_once(banner, send):
    for _ in range(3):
        assert send(choice(banner)).status_code == 204
    assert ConsentReceipt.objects.count() == 1
    assert counts()[("accept", "")] == 1


def test_a_changed_banner_is_a_new_version(banner, send, site):
    send(choice(banner))
    settings = ConsentBannerSettings.for_site(site)
    settings.accept_label = "OK for me"
    settings.save()
    forget_versions()
    changed = page_config()
    assert changed["banner"] != banner["banner"]
    send(choice(changed, receipt="d" * 32))
    assert BannerVersion.objects.count() == 2
    receipt = ConsentReceipt.objects.get(receipt_id="d" * 32)
    assert receipt.version.snapshot["texts"]["accept_label"] == "OK for me"


@pytest.mark.parametrize(
    ("case", "kwargs"),
    [
        ("cross origin", {"origin": "https://evil.example"}),
        ("no origin", {"origin": None}),
        ("cross-site fetch", {"HTTP_SEC_FETCH_SITE": "cross-site"}),
        ("robot", {"agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"}),
        ("headless", {"agent": "Mozilla/5.0 HeadlessChrome/131.0"}),
        ("no user agent", {"agent": ""}),
        ("oversized", {"raw": '{"v": "' + "a" * 5000 + '"}'}),
        ("malformed", {"raw": '{"v": '}),
        ("not an object", {"raw": "[1, 2]"}),
        ("deep nesting", {"raw": "[" * 1500 + "]" * 1500}),
        ("binary", {"raw": b"\xff\xfe\x00garbage"}),
        ("empty", {"raw": ""}),
    ],
)
def test_hostile_beacons_change_nothing(banner, send, case, kwargs):
    response = send(choice(banner), **kwargs)
    assert response.status_code == 204
    assert response.content == b""
    assert not ConsentCount.objects.exists()
    assert not ConsentReceipt.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"c": {"ga4": True, "facebook": True}},  # a tool the banner does not list
        {"c": {"ga4": "yes"}},
        {"c": {"GA4!": True}},
        {"r": "not-hex"},
        {"r": "A" * 32},
        {"r": None},
        {"v": "0" * 16},  # a version never shown
        {"v": "<script>"},
        {"l": "xx"},  # not a language of the project
        {"l": "en\n"},
        {"e": "delete"},
        {"g": "yes"},
        {"extra": 1},
    ],
)
def test_invalid_fields_refuse_the_whole_beacon(banner, send, change):
    payload = {**choice(banner), **change}
    payload = {k: v for k, v in payload.items() if v is not None}
    assert send(payload).status_code == 204
    assert not ConsentCount.objects.exists()
    assert not ConsentReceipt.objects.exists()
    # Only the banner really shown may be recorded, never one a beacon describes.
    assert set(BannerVersion.objects.values_list("digest", flat=True)) <= {banner["banner"]}


def test_shown_may_not_carry_a_choice_or_receipt(banner, send):
    send({"v": banner["banner"], "l": "en", "e": "shown", "r": "a" * 32})
    assert not ConsentCount.objects.exists()


def test_get_and_other_methods_answer_204_and_write_nothing(banner, client):
    for method in ("get", "put", "delete", "options"):
        assert getattr(client, method)("/wagtail-tracking/consent/").status_code == 204
    assert not ConsentCount.objects.exists()


def test_switches(banner, send, settings):
    settings.WAGTAIL_TRACKING = {"CONSENT_RECEIPTS": False}
    send(choice(banner))
    assert not ConsentReceipt.objects.exists()
    assert counts()[("accept", "")] == 1
    settings.WAGTAIL_TRACKING = {"CONSENT_STATISTICS": False}
    send(choice(banner, receipt="e" * 32))
    assert ConsentReceipt.objects.filter(receipt_id="e" * 32).exists()
    assert counts()[("accept", "")] == 1
    settings.WAGTAIL_TRACKING = {"CONSENT_STATISTICS": False, "CONSENT_RECEIPTS": False}
    send(choice(banner, receipt="f" * 32))
    assert ConsentReceipt.objects.count() == 1
    assert tracking_settings.CONSENT_RECEIPTS is False


def test_a_burst_from_one_client_is_only_counted(banner, send):
    payload = {"v": banner["banner"], "l": "en", "e": "shown"}
    for _ in range(200):
        assert send(payload).status_code == 204
    assert counts() == {("shown", ""): 200}
    assert BannerVersion.objects.count() == 1


@override_settings(ALLOWED_HOSTS=["localhost"])
def test_a_disallowed_host_is_ignored(banner, send):
    # Django's CommonMiddleware answers 400 before the view runs; nothing is written either way.
    response = send(choice(banner), HTTP_HOST="evil.example", origin="http://evil.example")
    assert response.status_code in (204, 400)
    assert not ConsentCount.objects.exists()
