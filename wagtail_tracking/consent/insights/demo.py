"""Plausible consent statistics and receipts for demos: ``fill_demo_consent()`` (the sandbox).

Idempotent: counters are set, not added, and receipt IDs come from a seeded generator, so running
the demo loader twice writes the same rows.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import connections, router
from django.utils import timezone
from wagtail.models import Site

from .models import BannerVersion, ConsentCount, ConsentReceipt
from .versions import current_snapshot


DEMO_TOOLS = (("ga4", "require", 0.42), ("matomo", "exempt", 0.55))
#: Of the visitors shown the banner: accept all, refuse all, close (a refusal), custom, ignore.
SHARES = {"accept": 0.33, "refuse": 0.30, "close": 0.12, "custom": 0.10}
RECEIPTS_PER_DAY = 12


def demo_version(site: Site) -> tuple[BannerVersion, tuple[tuple[str, str, float], ...]]:
    """The banner version the demo receipts point to, and its tools with their acceptance rates.

    The site's own banner when it asks about a tool (the sandbox: receipts show what its banner
    really says); otherwise a made-up banner with GA4 and Matomo.
    """
    language = settings.LANGUAGE_CODE.lower()
    digest, snapshot = current_snapshot(site, language)
    if snapshot["tools"]:
        tools = tuple(
            (tool["slug"], tool["mode"], 0.42 if tool["mode"] == "require" else 0.55)
            for tool in snapshot["tools"]
        )
    else:
        digest, snapshot, tools = "demo000000000000", _made_up_snapshot(), DEMO_TOOLS
    version, _created = BannerVersion.objects.get_or_create(
        site=site, language=language, digest=digest, defaults={"snapshot": snapshot}
    )
    return version, tools


def _made_up_snapshot() -> dict[str, Any]:
    return {
        "language": "en",
        "texts": {
            "title": "Your privacy",
            "accept_label": "Accept all",
            "refuse_label": "Refuse all",
        },
        "policy_url": "/cookies/",
        "tools": [
            {
                "slug": slug,
                "name": slug,
                "purpose": "Audience measurement",
                "mode": mode,
                "note": "",
                "cookies": [],
            }
            for slug, mode, _rate in DEMO_TOOLS
        ],
    }


def fill_demo_consent(*, days: int = 90, today: datetime.date | None = None, seed: int = 11) -> int:
    """Write ``days`` days of consent counters and a few receipts per day for every site."""
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311  (demo figures, not secrets)
    counts: list[ConsentCount] = []
    receipts: list[ConsentReceipt] = []
    for site in Site.objects.all():
        version, tools = demo_version(site)
        for offset in range(days):
            day = today - datetime.timedelta(days=offset)
            counts.extend(
                ConsentCount(day=day, site=site, event=event, tool=tool, count=n)
                for (event, tool), n in _day_counts(rng, day, tools).items()
                if n > 0
            )
            receipts.extend(_receipts(rng, site, version, day, tools))
    _save_counts(counts)
    ConsentReceipt.objects.bulk_create(receipts, batch_size=1000, ignore_conflicts=True)
    return len(counts)


def _day_counts(
    rng: random.Random, day: datetime.date, tools: tuple[tuple[str, str, float], ...]
) -> dict[tuple[str, str], int]:
    """One day's counters: every answer a share of the displays, weekends quieter."""
    shown = int(rng.gauss(180, 25) * (0.6 if day.weekday() >= 5 else 1.0))
    answered = {event: int(shown * share) for event, share in SHARES.items()}
    counts = {("shown", ""): shown, **{(event, ""): n for event, n in answered.items()}}
    counts[("refuse", "")] += answered["close"]  # closing is a refusal
    counts[("signal", "")] = int(shown * 0.03)
    counts[("change", "")] = int(shown * 0.02)
    chose = sum(answered.values())
    for slug, _mode, rate in tools:
        counts[("tool_yes", slug)] = int(chose * rate)
        counts[("tool_no", slug)] = chose - int(chose * rate)
    return counts


def _receipts(
    rng: random.Random,
    site: Site,
    version: BannerVersion,
    day: datetime.date,
    tools: tuple[tuple[str, str, float], ...],
) -> Iterator[ConsentReceipt]:
    zone = timezone.get_current_timezone()
    for _ in range(RECEIPTS_PER_DAY):
        action = rng.choice(["accept", "refuse", "close", "custom"])
        choices = {slug: action == "accept" for slug, _mode, _rate in tools}
        if action == "custom":  # the first tool refused, the others accepted
            choices = {slug: index > 0 for index, (slug, _mode, _rate) in enumerate(tools)}
        elif action == "close":  # the tools that ask are refused, exempt ones left alone
            choices = {slug: False for slug, mode, _rate in tools if mode == "require"}
        moment = datetime.datetime.combine(day, datetime.time(9), tzinfo=zone)
        yield ConsentReceipt(
            receipt_id=f"{rng.getrandbits(128):032x}",
            site=site,
            created_at=moment + datetime.timedelta(seconds=rng.randrange(12 * 3600)),
            version=version,
            action=action,
            choices=choices,
        )


def _save_counts(rows: list[ConsentCount]) -> None:
    target: dict[str, Any] = {}
    if connections[
        router.db_for_write(ConsentCount)
    ].features.supports_update_conflicts_with_target:
        target["unique_fields"] = ["day", "site", "event", "tool"]
    ConsentCount.objects.bulk_create(
        rows, batch_size=1000, update_conflicts=True, update_fields=["count"], **target
    )
