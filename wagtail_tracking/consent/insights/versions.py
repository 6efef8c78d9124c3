"""Banner versions: what a visitor saw, recorded once per site, language and content digest.

The beacon names the version by the digest the page was built with; the server rebuilds the
banner of that site in that language and records the snapshot when the digests agree. A digest
neither current nor recorded (a page cached before a change, or a forged one) has no version, so
the beacon is not counted: nothing a visitor sends is ever stored as "what was shown".
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from wagtail.models import Site

from wagtail_tracking.consent.banner import (
    active_trackers,
    banner_snapshot,
    load_banner_settings,
    snapshot_digest,
)

from .models import BannerVersion


#: ``{(site id, language, digest): (version id, tool slugs)}``: versions never change once stored.
_KNOWN: dict[tuple[int, str, str], tuple[int, frozenset[str]]] = {}
#: ``{(site id, language): (monotonic time, digest, snapshot)}``: the banner as built lately.
_CURRENT: dict[tuple[int, str], tuple[float, str, dict[str, Any]]] = {}
CURRENT_TTL = 30.0
MAX_REMEMBERED = 10_000


def site_languages() -> set[str]:
    codes = [code for code, _name in settings.LANGUAGES] + [settings.LANGUAGE_CODE]
    return {code.lower() for code in codes}


def resolve_version(site: Site, language: str, digest: str) -> tuple[int, frozenset[str]] | None:
    """The id and tool slugs of the banner version ``digest``, recording it if it is current."""
    key = (site.pk, language, digest)
    known = _KNOWN.get(key)
    if known is not None:
        return known
    if language not in site_languages():
        return None
    stored = BannerVersion.objects.filter(site=site, language=language, digest=digest).first()
    if stored is None:
        current_digest, snapshot = current_snapshot(site, language)
        if current_digest != digest:
            return None
        stored = _record(site, language, digest, snapshot)
    found = (stored.pk, frozenset(tool["slug"] for tool in stored.snapshot.get("tools", [])))
    if len(_KNOWN) < MAX_REMEMBERED:
        _KNOWN[key] = found
    return found


def current_snapshot(site: Site, language: str) -> tuple[str, dict[str, Any]]:
    """The banner's digest and snapshot as the site would build it now (cached briefly)."""
    now = time.monotonic()
    cached = _CURRENT.get((site.pk, language))
    if cached is not None and now - cached[0] < CURRENT_TTL:
        return cached[1], cached[2]
    with translation.override(language):
        asking = [tracker for tracker in active_trackers(site) if tracker.asks]
        snapshot = banner_snapshot(load_banner_settings(site), asking)
    digest = snapshot_digest(snapshot)
    _CURRENT[(site.pk, language)] = (now, digest, snapshot)
    return digest, snapshot


def _record(site: Site, language: str, digest: str, snapshot: dict[str, Any]) -> BannerVersion:
    try:
        with transaction.atomic():
            return BannerVersion.objects.create(
                site=site, language=language, digest=digest, snapshot=snapshot
            )
    except IntegrityError:  # another process recorded it first
        return BannerVersion.objects.get(site=site, language=language, digest=digest)


def forget_versions(**kwargs: object) -> None:
    """Settings changed (tests, or an editor's save): rebuild the current banner next time."""
    _CURRENT.clear()
    _KNOWN.clear()
