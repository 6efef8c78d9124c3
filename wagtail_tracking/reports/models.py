from django.db import models
from django.utils.translation import gettext_lazy as _


class AnalyticsPermission(models.Model):  # noqa: DJ008 (never instantiated)
    """Carries the "Browse analytics" permission; it stores no rows.

    The reports read data that belongs to no single model (activity events, usage counters),
    so the permission needs a content type of its own that Wagtail's group editor can show.
    """

    class Meta:
        default_permissions = []
        permissions = [("browse_analytics", _("Browse analytics"))]
        verbose_name = _("analytics")
        verbose_name_plural = _("analytics")
