"""The beacon's body: parsed strictly, or refused as a whole.

The body is JSON sent by ``consent.js`` (``navigator.sendBeacon``), at most ``MAX_BODY`` bytes::

    {
        "v": "<banner digest>",
        "l": "fr",
        "e": "accept",
        "g": false,
        "c": {"ga4": true, "matomo": false},
        "r": "<32 hex digits>",
    }

``e`` is one of ``EVENTS``; ``c`` and ``r`` come only with a choice; ``g`` says the visitor changed
a stored choice (the consent link). Anything else (another key, a wrong type, a tool that the
banner version does not list) refuses the beacon: nothing is counted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .models import ConsentEvent


MAX_BODY = 2048
DIGEST_RE = re.compile(r"[0-9a-f]{16}")
RECEIPT_RE = re.compile(r"[0-9a-f]{32}")
LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}")
SLUG_RE = re.compile(r"[a-z0-9_-]{1,64}")

#: The events a beacon reports; the choices among them carry a choice and a receipt.
CHOICES = frozenset({"accept", "refuse", "custom", "close"})
EVENTS = CHOICES | {"shown", "signal"}
KEYS = frozenset({"v", "l", "e", "g", "c", "r"})


@dataclass(frozen=True)
class Beacon:
    digest: str
    language: str
    event: str
    changed: bool = False
    choices: dict[str, bool] = field(default_factory=dict)
    receipt_id: str = ""

    @property
    def is_choice(self) -> bool:
        return self.event in CHOICES

    def counted_events(self) -> list[tuple[str, str]]:
        """The ``(event, tool)`` counters this beacon adds one to.

        Closing and a browser signal are refusals, so they count as one too.
        """
        events = [(self.event, "")]
        if self.event in ("close", "signal"):
            events.append((ConsentEvent.REFUSED.value, ""))
        if self.changed:
            events.append((ConsentEvent.CHANGED.value, ""))
        for slug, accepted in sorted(self.choices.items()):
            event = ConsentEvent.TOOL_ACCEPTED if accepted else ConsentEvent.TOOL_REFUSED
            events.append((event.value, slug))
        return events


def parse_beacon(body: bytes) -> Beacon | None:
    """The beacon in ``body``, or None for anything not exactly as ``consent.js`` sends it."""
    if not body or len(body) > MAX_BODY:
        return None
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not set(data) <= KEYS:
        return None
    digest, language, event = data.get("v"), data.get("l"), data.get("e")
    if not (_matches(DIGEST_RE, digest) and _matches(LANGUAGE_RE, language)):
        return None
    if event not in EVENTS or not isinstance(data.get("g", False), bool):
        return None
    choices, receipt_id = data.get("c"), data.get("r")
    if event in CHOICES:
        if not _valid_choices(choices) or not _matches(RECEIPT_RE, receipt_id):
            return None
    elif choices is not None or receipt_id is not None:
        return None
    return Beacon(
        digest=str(digest),
        language=str(language).lower(),
        event=event,
        changed=data.get("g", False),
        choices=dict(choices or {}),
        receipt_id=receipt_id or "",
    )


def _matches(pattern: re.Pattern[str], value: object) -> bool:
    return isinstance(value, str) and pattern.fullmatch(value) is not None


def _valid_choices(choices: object) -> bool:
    return (
        isinstance(choices, dict)
        and len(choices) <= 32
        and all(_matches(SLUG_RE, k) and isinstance(v, bool) for k, v in choices.items())
    )
