"""Keep each site's tracker HTML in Django's cache, shared by every web process, and a copy
in each process.

A version token stored in the same cache is replaced whenever tracker settings, banner settings or
sites change. Each process serves its own copy (``LocalCopy``) and reads the version again at most
every ``CACHE_LOCAL_SECONDS`` (5 s by default): a warm page makes no cache round trip, and a change
saved in one process reaches every other one within that time (at once in the saving process).
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
import uuid
from typing import Any

from django.core.cache import BaseCache, caches
from django.db import transaction
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.templatetags.static import static
from django.utils.translation import get_language
from wagtail.models import Site

from wagtail_tracking import __version__
from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.providers.emissions import load_settings

from .build import EMPTY_OUTPUT, LOADER_PATH, SiteOutput, build_site_output


# Short keys: Django checks every character of a key on each cache access.
CACHE_PREFIX = "wtp"
VERSION_KEY = f"{CACHE_PREFIX}:v"
REQUEST_ATTRIBUTE = "_wagtail_tracking_output"


def _cache() -> BaseCache:
    return caches[tracking_settings.CACHE_ALIAS]


@functools.cache
def _deploy_fingerprint() -> str:
    # A new release, new static files (hashed names) or new developer settings must not reuse
    # HTML cached by the previous deployment.
    seed = f"{__version__}|{static(LOADER_PATH)}|{tracking_settings.PROVIDERS!r}"
    return hashlib.sha256(seed.encode()).hexdigest()[:12]


def forget_fingerprint(*, setting: str, **kwargs: Any) -> None:
    if setting in ("WAGTAIL_TRACKING", "STATIC_URL", "STORAGES", "INSTALLED_APPS", "CACHES"):
        _deploy_fingerprint.cache_clear()
        LOCAL.clear()


class LocalCopy:
    """This process's copy of the outputs and site rows of one version of the shared cache."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.version: str | None = None
        self.checked_at = float("-inf")
        self.outputs: dict[str, SiteOutput] = {}
        self.sites: tuple[SiteRow, ...] | None = None

    def current(self, cache: BaseCache) -> LocalCopy | None:
        """Self once checked against the shared version within the window; None when off."""
        seconds = tracking_settings.CACHE_LOCAL_SECONDS
        if not seconds:
            return None
        now = time.monotonic()
        if now - self.checked_at >= seconds:
            version = cache.get(VERSION_KEY)  # the one round trip of the window
            with self.lock:
                if version != self.version:
                    self.clear()
                    self.version = version
                self.checked_at = now
        return self if self.version is not None else None

    def key_for(self, request: Any) -> str | None:
        """The request's entry key, resolved as ``_load_shared_output`` resolves it."""
        site: Any = getattr(request, "_wagtail_site", False)
        if site is not False:
            return _site_key(site.pk if site else None)
        if self.sites is None:
            return None
        return _site_key(resolve_site(self.sites, *request_host(request)))

    def keep(self, version: str, key: str, output: SiteOutput, sites: Any) -> None:
        with self.lock:
            if version == self.version:
                self.outputs[key] = output
                if sites is not None and sites[0] == version:
                    self.sites = sites[1]


LOCAL = LocalCopy()


#: (pk, hostname, port, is_default_site) of every site: how a request's site is resolved
#: without a query, the way ``Site.find_for_request`` does it.
SiteRow = tuple[int, str, int, bool]
SITES_KEY = f"{CACHE_PREFIX}:sites"


def _site_key(site_pk: int | None) -> str:
    # The language too: the consent banner's default wording is translated. Keyed on the
    # resolved site, never on the Host header: no request can add an entry for a new host or port.
    return f"{CACHE_PREFIX}:{_deploy_fingerprint()}:{site_pk or 0}:{get_language()}"


def request_host(request: Any) -> tuple[str, int]:
    """The hostname and port Wagtail's own site resolution reads: the raw host, unchecked
    against ALLOWED_HOSTS, and the port as a number (sites store it as one)."""
    hostname, _ = split_domain_port(request._get_raw_host())
    port = str(request.get_port())
    return hostname, int(port) if port.isdigit() else 0


def resolve_site(rows: tuple[SiteRow, ...], hostname: str, port: int) -> int | None:
    """The site Wagtail's ``get_site_for_hostname`` picks, from the site rows."""

    def rank(row: SiteRow) -> int:
        if row[1] == hostname:
            return 0 if row[2] == port else 1 if row[3] else 3
        return 2  # the default site, under another hostname

    candidates = sorted((row for row in rows if row[1] == hostname or row[3]), key=rank)
    if not candidates:
        return None
    if len(candidates) == 1 or rank(candidates[0]) < 2:
        return candidates[0][0]
    if rank(candidates[0]) == 2:  # one other hostname match beats the default
        return candidates[len(candidates) == 2][0]
    return None


def _site_from_rows(
    request: HttpRequest, cache: BaseCache, version: str, stored: Any
) -> tuple[int | None, tuple[str, tuple[SiteRow, ...]]]:
    """The request's site, from the site rows cached under the current version (one query
    when they are missing or stale), and those rows."""
    if stored is None or stored[0] != version:
        rows = tuple(Site.objects.values_list("pk", "hostname", "port", "is_default_site"))
        stored = (version, rows)
        cache.set(SITES_KEY, stored, tracking_settings.CACHE_TIMEOUT)
    return resolve_site(stored[1], *request_host(request)), stored


def get_site_output(request: HttpRequest) -> SiteOutput:
    """The output for the request's site: no database query when warm; one cache round trip
    when Wagtail has resolved the site (page serving), else two (the site rows, then its entry).

    Kept on the request too, so ``{% tracking_body %}`` reuses what ``{% tracking_head %}`` read.
    """
    output: SiteOutput | None = getattr(request, REQUEST_ATTRIBUTE, None)
    if output is None:
        output = _load_site_output(request)
        setattr(request, REQUEST_ATTRIBUTE, output)
    return output


def _load_site_output(request: HttpRequest) -> SiteOutput:
    cache = _cache()
    local = LOCAL.current(cache)
    key = local and local.key_for(request)
    if local is not None and key in local.outputs:
        return local.outputs[key]
    return _load_shared_output(request, cache)


def _load_shared_output(request: HttpRequest, cache: BaseCache) -> SiteOutput:
    # Wagtail's page serving has resolved the site already: then one round trip.
    site: Site | None | bool = getattr(request, "_wagtail_site", False)
    resolved = site is not False
    site_pk = site.pk if isinstance(site, Site) else None
    key = _site_key(site_pk) if resolved else SITES_KEY
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    entry = found.get(key)
    sites = None
    if not resolved:
        site_pk, sites = _site_from_rows(request, cache, version, found.get(SITES_KEY))
        key = _site_key(site_pk)
        entry = cache.get(key)
    if entry is not None and entry[0] == version:
        output = SiteOutput(head=entry[1], body=entry[2])
        LOCAL.keep(version, key, output, sites)
        return output
    site = Site.objects.filter(pk=site_pk).first() if site_pk else None
    output = EMPTY_OUTPUT if site is None else build_site_output(load_settings(site), site=site)
    # Plain tuples: the cheapest value to unpickle on every request.
    cache.set(key, (version, output.head, output.body), tracking_settings.CACHE_TIMEOUT)
    LOCAL.keep(version, key, output, sites)
    return output


def invalidate_cached_output(**kwargs: Any) -> None:
    """Make every process rebuild every site's output on its next render.

    Done at once and again after the transaction commits, so a render racing with the save cannot
    cache the old values under the new version.
    """

    def bump() -> None:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
        LOCAL.clear()  # this process sees its own change at once

    bump()
    transaction.on_commit(bump)
