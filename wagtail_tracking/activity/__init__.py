"""The back-office activity log: who did what, where, when and what changed.

Public API: ``disable_activity_capture()``, a context manager and decorator that records nothing
inside (``disable_tracking()`` is its deprecated former name), and the object types of
``object_types`` (``ObjectType`` and the ``register_wagtail_tracking_object_types`` hook).
"""

from .context import disable_activity_capture, disable_tracking


__all__ = ["disable_activity_capture", "disable_tracking"]
