"""The public beacon endpoint: always 204, writes nothing but consent counters and receipts.

It answers every request the same way (empty 204, no cookie, no CORS header), so it tells an
attacker nothing. It counts a beacon only when all of these hold:

* a POST whose body is at most ``beacon.MAX_BODY`` bytes and parses exactly (``parse_beacon``);
* sent by a page of this site: ``Origin`` equals the request's own origin and, when the browser
  sends it, ``Sec-Fetch-Site`` is ``same-origin``;
* not from a robot (``USAGE_BOT_PATTERNS``) nor without a user agent;
* naming a banner version of this site and language, and only tools that version lists.

Nothing of the request (address, user agent, cookies) is kept. CSRF protection is replaced by the
same-origin check: ``sendBeacon`` cannot send a token, and the only effect is a counter.
"""

from __future__ import annotations

import logging

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.usage.bots import is_bot
from wagtail_tracking.usage.hits import day_for_site

from .beacon import MAX_BODY, Beacon, parse_beacon
from .buffer import buffer_beacon
from .sites import site_for_beacon
from .storage import Accepted, write_now
from .versions import resolve_version


logger = logging.getLogger(__name__)


@csrf_exempt
@never_cache
def beacon(request: HttpRequest) -> HttpResponse:
    try:
        if _enabled() and request.method == "POST":
            accepted = accept(request)
            if accepted is not None:
                store(accepted)
    except Exception:
        logger.exception("wagtail_tracking could not record a consent beacon.")
    return HttpResponse(status=204)


def _enabled() -> bool:
    return bool(
        tracking_settings.ENABLED
        and tracking_settings.CONSENT_BANNER
        and (tracking_settings.CONSENT_STATISTICS or tracking_settings.CONSENT_RECEIPTS)
    )


def accept(request: HttpRequest) -> Accepted | None:
    """The beacon to store, or None when any rule refuses it."""
    if not same_origin(request) or _from_robot(request):
        return None
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= MAX_BODY:
        return None
    parsed = parse_beacon(request.read(MAX_BODY + 1))
    if parsed is None:
        return None
    site = site_for_beacon(request)
    if site is None:
        return None
    version = resolve_version(site, parsed.language, parsed.digest)
    if version is None or not _tools_known(parsed, version[1]):
        return None
    now = timezone.now()
    return Accepted(
        beacon=parsed, site_id=site.pk, version_id=version[0], day=day_for_site(site, now), at=now
    )


def same_origin(request: HttpRequest) -> bool:
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    origin = request.META.get("HTTP_ORIGIN", "")
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return False
    return bool(origin) and origin.lower() == own.lower()


def _from_robot(request: HttpRequest) -> bool:
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    return not user_agent or is_bot(user_agent)


def _tools_known(parsed: Beacon, tools: frozenset[str]) -> bool:
    return set(parsed.choices) <= tools


def store(accepted: Accepted) -> None:
    """The usage metrics' storage mode: now in the database, or in the cache buffer."""
    if tracking_settings.USAGE_STORAGE == "cache":
        buffer_beacon(accepted)
    else:
        write_now(accepted)
