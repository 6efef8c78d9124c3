"""Hits: turn a finished request into a countable use, or decide it is not one.

The marks (``marks``) only label the request ("this served page 12"); this module applies every
counting rule of the request's kind once the response exists, so a page that answers 404, a
password form or a redirect is never counted. Nothing here keeps anything that identifies a
person: the user is reduced to an audience, the Referer to a domain, the time to a day.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from wagtail.models import Site

from wagtail_tracking.conf import tracking_settings

from .bots import is_bot
from .marks import target_of
from .models import DIRECT_REFERRER, INTERNAL_REFERRER, Audience, CounterKey


HOSTNAME_RE = re.compile(r"^[a-z0-9_]([a-z0-9_.-]{0,253})$")


@dataclass(frozen=True)
class Hit:
    """One countable use, already anonymised."""

    day: datetime.date
    site_id: int
    kind: str
    audience: int
    object_id: int = 0
    endpoint: str = ""
    referrer: str = DIRECT_REFERRER

    def counters(self) -> list[CounterKey]:
        """The two counter keys a hit increments: its object row and its referrer row.

        Key order matches ``storage.COUNTER_FIELDS``.
        """
        base = (self.day, self.site_id, self.kind, self.audience)
        return [
            (*base, self.object_id, self.endpoint, ""),
            (*base, 0, "", self.referrer),
        ]


def hit_for(request: HttpRequest, response: HttpResponseBase) -> Hit | None:
    """The hit this request/response pair counts as, or None when it is not counted.

    Every rule of the kind applies here, once the response exists: the status, previews, robots.
    """
    if request.method != "GET":  # HEAD, POST, OPTIONS… are not uses of the content
        return None
    target = target_of(request)
    if target is None:
        return None
    kind = target.kind
    if not kind.counts_status(response.status_code) or getattr(request, "is_preview", False):
        return None
    if kind.ignores_robots:
        user_agent = request.META.get("HTTP_USER_AGENT", "")
        # Real browsers always send a user agent; an empty one is a script or a robot.
        if not user_agent or is_bot(user_agent):
            return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    return Hit(
        day=day_for_site(site),
        site_id=site.pk,
        kind=kind.value,
        audience=audience_of(request),
        object_id=target.object_id,
        endpoint=target.endpoint,
        referrer=referring_domain(request),
    )


def audience_of(request: HttpRequest) -> int:
    """Anonymous, authenticated, or with admin access, without leaving a trace on the response.

    Reading ``request.user`` loads the session, which would make SessionMiddleware add
    ``Vary: Cookie`` to pages that did not otherwise need it; the flag is restored afterwards.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES or not hasattr(request, "user"):
        return Audience.ANONYMOUS
    session = getattr(request, "session", None)
    accessed = getattr(session, "accessed", None)
    try:
        user = request.user
        if not user.is_authenticated:
            return Audience.ANONYMOUS
        if user.has_perm("wagtailadmin.access_admin"):
            return Audience.ADMIN
        return Audience.AUTHENTICATED
    finally:
        if session is not None and accessed is not None:
            session.accessed = accessed


def referring_domain(request: HttpRequest) -> str:
    """The Referer's host name, "direct" without one, "internal" for the project's own sites."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer:
        return DIRECT_REFERRER
    try:
        host = (urlsplit(referer).hostname or "").rstrip(".")
    except ValueError:
        return DIRECT_REFERRER
    if not host or not HOSTNAME_RE.match(host):
        return DIRECT_REFERRER
    if host == _own_host(request) or host in site_hostnames():
        return INTERNAL_REFERRER
    return host


def _own_host(request: HttpRequest) -> str:
    """The request's host name without its port; empty when Django refuses the Host header."""
    try:
        return request.get_host().rsplit(":", 1)[0].lower()
    except Exception:  # DisallowedHost: not ours to report here
        return ""


@lru_cache(maxsize=1)
def site_hostnames() -> frozenset[str]:
    return frozenset(h.lower() for h in Site.objects.values_list("hostname", flat=True))


def forget_sites(**kwargs: Any) -> None:
    """A site was saved or deleted (connected by ``signal_handlers``): its hostname and time zone
    are read again."""
    site_hostnames.cache_clear()
    time_zone_for_site.cache_clear()


@lru_cache(maxsize=64)
def time_zone_for_site(site_id: int, hostname: str) -> zoneinfo.ZoneInfo:
    """``USAGE_TIME_ZONES`` keyed by site id or hostname, else ``settings.TIME_ZONE``."""
    zones = tracking_settings.USAGE_TIME_ZONES or {}
    name = zones.get(site_id) or zones.get(str(site_id)) or zones.get(hostname)
    try:
        return zoneinfo.ZoneInfo(name) if name else zoneinfo.ZoneInfo(settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):  # reported by check E045
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def day_for_site(site: Site, now: datetime.datetime | None = None) -> datetime.date:
    """Today's date on the site's clock."""
    now = now or timezone.now()
    return timezone.localtime(now, time_zone_for_site(site.pk, site.hostname)).date()


def forget_time_zones(*, setting: str, **kwargs: Any) -> None:
    """``setting_changed`` receiver (connected by ``signal_handlers``): tests change the zones."""
    if setting in ("WAGTAIL_TRACKING", "TIME_ZONE"):
        time_zone_for_site.cache_clear()
