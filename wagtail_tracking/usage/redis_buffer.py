"""The cache buffer on Django's Redis cache: one hash per window, one atomic command per hit.

A hit runs ``MULTI; HINCRBY <window hash> <counter> 1 …; EXPIRE …; EXEC``: the increment *is*
the counter's registration (the hash's fields are the counters), so no process can die between
counting and registering, and the hit's counters are added all together or not at all. The
flush reads a closed window with ``HGETALL`` and deletes the hash after its commit.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import BaseCache


def redis_client(cache: BaseCache) -> Any | None:
    """The write client of Django's Redis cache, kept on the (per-thread) cache object; None
    for other caches.

    Django builds a new ``redis.Redis`` for each call, and its constructor alone costs about a
    third of a hit's counting; writes always go to the first server, so one client serves all.
    """
    backend = getattr(cache, "_cache", None)
    if not hasattr(backend, "get_client") or not hasattr(cache, "make_and_validate_key"):
        return None
    client = getattr(cache, "_wagtail_tracking_write_client", None)
    if client is None:
        client = backend.get_client(None, write=True)
        cache._wagtail_tracking_write_client = client  # type: ignore[attr-defined]
    return client


def hash_key(cache: BaseCache, name: str) -> str:
    """The Redis key of a window's hash, with the cache's KEY_PREFIX and VERSION."""
    return str(cache.make_and_validate_key(name))  # type: ignore[attr-defined]


def increment(client: Any, key: str, fields: list[str], timeout: int) -> None:
    """Add 1 to each field of the hash, atomically, and keep the hash ``timeout`` seconds."""
    pipe = client.pipeline(transaction=True)
    for name in fields:
        pipe.hincrby(key, name, 1)
    pipe.expire(key, timeout)
    pipe.execute()


def sizes(client: Any, keys: list[str]) -> list[int]:
    """How many counters each window's hash holds (0: none), in one round trip."""
    pipe = client.pipeline(transaction=False)
    for key in keys:
        pipe.hlen(key)
    return [int(n) for n in pipe.execute()]


def read(client: Any, key: str) -> dict[str, int]:
    return {
        (name.decode() if isinstance(name, bytes) else name): int(value)
        for name, value in client.hgetall(key).items()
    }


def delete(client: Any, key: str) -> None:
    client.delete(key)


def server_setting(cache: BaseCache, name: str) -> str | None:
    """A server setting (``CONFIG GET``), or None when the server or the command is unavailable
    (managed services often disable CONFIG)."""
    client = redis_client(cache)
    if client is None:
        return None
    try:
        found = client.config_get(name)
    except Exception:
        return None
    value = found.get(name) if isinstance(found, dict) else None
    return value.decode() if isinstance(value, bytes) else value
