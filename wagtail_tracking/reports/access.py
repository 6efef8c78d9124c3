"""Who may see the analytics: the one permission every report, menu item and panel checks.

Kept apart from the views (which import Wagtail's report views, and through them the page model)
so that page models can import the usage panel while Django is still loading models.
"""

from __future__ import annotations

from typing import Protocol


PERMISSION = "wagtail_tracking.browse_analytics"
#: Looking up and exporting consent receipts (proof of consent): granted separately.
RECEIPTS_PERMISSION = "wagtail_tracking.view_consent_receipts"


class PermissionHolder(Protocol):
    """A user, or Django's anonymous user: what a permission check reads."""

    @property
    def is_active(self) -> bool: ...

    def has_perm(self, perm: str, /) -> bool: ...


def user_can_browse_analytics(user: PermissionHolder | None) -> bool:
    """Whether the user may see the Analytics menu, reports and panels ("Browse analytics")."""
    return bool(user and user.is_active and user.has_perm(PERMISSION))


def user_can_view_receipts(user: PermissionHolder | None) -> bool:
    """Whether the user may look up and export consent receipts."""
    return bool(user and user.is_active and user.has_perm(RECEIPTS_PERMISSION))
