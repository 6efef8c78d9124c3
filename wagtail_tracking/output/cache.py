"""Keep each site's tracker HTML in Django's cache, shared by every web process.

A version token stored in the same cache is replaced whenever tracker settings, banner settings or
sites change, so every process sharing the cache sees the change on its next render; no process
keeps state of its own.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from typing import Any

from django.core.cache import BaseCache, caches
from django.db import transaction
from django.http import HttpRequest
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
    if setting in ("WAGTAIL_TRACKING", "STATIC_URL", "STORAGES", "INSTALLED_APPS"):
        _deploy_fingerprint.cache_clear()


def _host_key(request: HttpRequest) -> str:
    # The raw Host header and port, hashed: the site is only resolved (and the host validated,
    # by Site.find_for_request) when the key is missing.
    meta = request.META
    # The language too: the consent banner's default wording is translated.
    host = (
        f"{meta.get('HTTP_HOST') or meta.get('SERVER_NAME')}|{meta.get('SERVER_PORT')}"
        f"|{get_language()}"
    )
    digest = hashlib.blake2b(host.lower().encode(), digest_size=12).hexdigest()
    return f"{CACHE_PREFIX}:{_deploy_fingerprint()}:{digest}"


def get_site_output(request: HttpRequest) -> SiteOutput:
    """The output for the request's site: one cache round trip when warm, no database query.

    Kept on the request too, so ``{% tracking_body %}`` reuses what ``{% tracking_head %}`` read.
    """
    output: SiteOutput | None = getattr(request, REQUEST_ATTRIBUTE, None)
    if output is None:
        output = _load_site_output(request)
        setattr(request, REQUEST_ATTRIBUTE, output)
    return output


def _load_site_output(request: HttpRequest) -> SiteOutput:
    cache = _cache()
    key = _host_key(request)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    entry = found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return SiteOutput(head=entry[1], body=entry[2])
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    site = Site.find_for_request(request)
    output = EMPTY_OUTPUT if site is None else build_site_output(load_settings(site), site=site)
    # Plain tuples: the cheapest value to unpickle on every request.
    cache.set(key, (version, output.head, output.body), tracking_settings.CACHE_TIMEOUT)
    return output


def invalidate_cached_output(**kwargs: Any) -> None:
    """Make every process rebuild every site's output on its next render.

    Done at once and again after the transaction commits, so a render racing with the save cannot
    cache the old values under the new version.
    """

    def bump() -> None:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)
