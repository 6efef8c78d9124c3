"""Per-day counts of the activity log, so the dashboard's cost follows the days shown, not the events.

Rollups are derived data: built lazily from ``ActivityEvent`` for finished days (in the site's
time zone) the first time a report needs them, deleted with the events they summarise, and
rebuilt on demand (``wagtail_tracking_rollup_activity``). They hold ids and counts only: names
and titles are read from the latest event, so pseudonymising the log needs no rebuild.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .activity import unconstrained_link


class RollupSpan(models.TextChoices):
    """What one row of ``ObjectActivityCount`` adds up."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")


class ActivityRollup(models.Model):
    """One summarised day or month: its rows in the count tables are complete."""

    class Span(models.TextChoices):
        DAY = "day", _("Daily counts of a day")
        # Built only for the days around a report window's whole months.
        OBJECT_DAY = "object_day", _("Object counts of a day")
        MONTH = "month", _("Object counts of a month")

    span = models.CharField(_("span"), max_length=16, choices=Span.choices)
    start = models.DateField(_("first day"))
    # Days are local days: a change of TIME_ZONE makes every rollup stale.
    time_zone = models.CharField(_("time zone"), max_length=64)
    built_at = models.DateTimeField(_("built at"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity rollup")
        verbose_name_plural = _("activity rollups")
        constraints = [
            # Two processes building the same day: the second one's insert fails and it reads.
            models.UniqueConstraint(fields=["span", "start"], name="wt_rollup_span_uniq"),
        ]

    def __str__(self):
        return f"{self.span} {self.start}"


class DailyActivityCount(models.Model):
    """Actions per local day, site, object type, action and user: charts, key figures, top users."""

    day = models.DateField(_("day"))
    site = unconstrained_link("wagtailcore.Site", _("site"))
    object_type = models.CharField(_("object type"), max_length=32)
    action = models.CharField(_("action"), max_length=255)
    user = unconstrained_link(settings.AUTH_USER_MODEL, _("user"))
    actions = models.PositiveIntegerField(_("actions"))

    class Meta:
        verbose_name = _("daily activity count")
        verbose_name_plural = _("daily activity counts")
        indexes = [models.Index(fields=["day"], name="wt_rollup_daily_day_idx")]

    def __str__(self):
        return f"{self.day} {self.object_type} {self.action}: {self.actions}"


class ObjectActivityCount(models.Model):
    """Actions per object per local day, and per month once the month is over.

    Month rows keep a one-year window to about twelve rows per object.
    """

    span = models.CharField(_("span"), max_length=8, choices=RollupSpan.choices)
    start = models.DateField(_("first day"))
    site = unconstrained_link("wagtailcore.Site", _("site"))
    object_type = models.CharField(_("object type"), max_length=32)
    content_type = unconstrained_link(ContentType, _("content type"))
    object_id = models.CharField(_("object id"), max_length=255)
    actions = models.PositiveIntegerField(_("actions"))
    last_timestamp = models.DateTimeField(_("last action (UTC)"))

    class Meta:
        verbose_name = _("object activity count")
        verbose_name_plural = _("object activity counts")
        indexes = [
            models.Index(fields=["span", "start"], name="wt_rollup_object_span_idx"),
            # The previous period's count of the few objects in the top tables.
            models.Index(fields=["content_type", "object_id"], name="wt_rollup_object_key_idx"),
        ]

    def __str__(self):
        return f"{self.span} {self.start} {self.object_type} {self.object_id}: {self.actions}"
