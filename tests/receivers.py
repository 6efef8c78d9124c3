"""Reading a feature's signal wiring in tests: which receivers of ours each signal has."""

import contextlib
import weakref
from collections.abc import Callable, Iterator, Mapping

from django.dispatch import Signal


def receivers_of(package: str, signals: Mapping[str, Signal]) -> dict[str, int]:
    """How many receivers defined in ``package`` each signal has (signals with none left out)."""
    found = {}
    for name, signal in signals.items():
        # (key, receiver, is_async); Django 6.0 adds the sender's reference before is_async.
        receivers = [
            reference() if isinstance(reference, weakref.ReferenceType) else reference
            for _key, reference, *_rest in signal.receivers
        ]
        count = sum(
            1 for receiver in receivers if getattr(receiver, "__module__", "").startswith(package)
        )
        if count:
            found[name] = count
    return found


@contextlib.contextmanager
def wiring_undone(
    count: Callable[[], dict[str, int]],
    disconnect: Callable[[], None],
    register: Callable[[], None],
) -> Iterator[dict[str, int]]:
    """A feature's receivers disconnected inside the block, and connected again after it."""
    connected = count()
    disconnect()
    try:
        yield connected
    finally:
        register()
    assert count() == connected
