"""The beacon's site, resolved from the Host header without a query per beacon.

Wagtail's ``Site.find_for_request`` runs one query per request (and builds the site's root page):
most of a beacon's cost. The beacon keeps what it answered per hostname and port, in the process,
for ``TTL`` seconds; saving or deleting a site empties it at once in this process (the
receivers in ``signal_handlers``), and other processes follow within ``TTL``.
At most ``MAX_HOSTS`` names are kept, so a flood of made-up Host headers cannot grow it.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site


TTL = 60.0
MAX_HOSTS = 256
#: ``{(hostname, port): (monotonic time, site or None)}``
_SITES: dict[tuple[str, int | str], tuple[float, Site | None]] = {}
_LOCK = threading.Lock()


def site_for_beacon(request: HttpRequest) -> Site | None:
    """The site Wagtail would pick for ``request``, from this process's memory when it can."""
    try:  # the beacon checked the host already (same origin); Wagtail reads it unchecked
        key = (split_domain_port(request.get_host())[0], request.get_port())
    except DisallowedHost:
        return None
    now = time.monotonic()
    known = _SITES.get(key)
    if known is not None and now - known[0] < TTL:
        return known[1]
    site = Site.find_for_request(request)
    with _LOCK:
        if len(_SITES) >= MAX_HOSTS:
            _SITES.clear()
        _SITES[key] = (now, site)
    return site


def forget_sites(**kwargs: Any) -> None:
    """A site was saved or deleted (or a test starts): resolve every host afresh."""
    with _LOCK:
        _SITES.clear()
