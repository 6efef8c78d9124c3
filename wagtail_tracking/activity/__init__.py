"""The back-office activity log: who did what, where, when and what changed.

Public API: ``disable_tracking()`` (a context manager and decorator that records nothing inside).
"""

from .context import disable_tracking


__all__ = ["disable_tracking"]
