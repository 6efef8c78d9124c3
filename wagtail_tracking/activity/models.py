"""The back-office activity log (one row per user action) and its per-day rollups.

Rollups are derived data: built lazily from ``ActivityEvent`` for finished days (in the site's
time zone) the first time a report needs them, deleted with the events they summarise, and
rebuilt on demand (``wagtail_tracking_rollup_activity``). They hold ids and counts only: names
and titles are read from the latest event, so pseudonymising the log needs no rebuild.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_tracking.compat import PAGE_MODEL


def unconstrained_link(
    to, verbose_name, *, on_delete=models.DO_NOTHING, db_index=False
) -> models.ForeignKey:
    """An optional id of another row, with no database constraint: events outlive what they name."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        db_constraint=False,
        db_index=db_index,
        related_name="+",
    )


#: What the lists group events by; the (user, ...) and (action, ...) indexes end with it.
OBJECT_KEY = ("object_type", "content_type", "object_id")


class ActivityEvent(models.Model):
    """One action taken in the back office (or by the API or the system).

    Field names are the public "activity log dataset" and are kept as-is in exports.
    Events outlive what they describe: every link (user, page, group, site, revision, content
    type) is an id without a database constraint, as in Wagtail's own log entries, and names and
    titles are snapshots taken when the action happened.
    """

    class Source(models.TextChoices):
        ADMIN = "admin", pgettext_lazy("activity log", "Admin")
        API = "api", _("API")
        SYSTEM = "system", pgettext_lazy("activity log", "System")
        AUTH = "auth", _("Authentication")

    timestamp = models.DateTimeField(
        pgettext_lazy("activity log", "timestamp (UTC)"), default=timezone.now
    )
    # The latest repeat of a coalesced autosave burst; equals timestamp for single actions.
    last_timestamp = models.DateTimeField(_("last repeat (UTC)"), default=timezone.now)
    site = unconstrained_link("wagtailcore.Site", pgettext_lazy("activity log", "site"))
    user = unconstrained_link(
        settings.AUTH_USER_MODEL, pgettext_lazy("activity log", "user")
    )  # served by the (user, timestamp, ...) index
    user_name = models.CharField(_("user name"), max_length=255, blank=True)
    object_type = models.CharField(_("object type"), max_length=32)
    # No database constraint here either: PostgreSQL checks constraints at commit, where a stale
    # content type id would fail the editor's whole transaction instead of the plugin's insert.
    # Not indexed alone: served by the (content_type, object_id) index.
    content_type = unconstrained_link(
        ContentType, pgettext_lazy("activity log", "content type"), on_delete=models.SET_NULL
    )
    object_id = models.CharField(
        pgettext_lazy("activity log", "object id"), max_length=255, blank=True
    )
    object_title = models.CharField(_("object title"), max_length=255, blank=True)
    page = unconstrained_link(PAGE_MODEL, pgettext_lazy("activity log", "page"), db_index=True)
    action = models.CharField(_("action"), max_length=255)
    affected_user = unconstrained_link(settings.AUTH_USER_MODEL, _("affected user"))
    affected_username = models.CharField(_("affected username"), max_length=255, blank=True)
    group = unconstrained_link("auth.Group", pgettext_lazy("activity log", "group"))
    diff = models.JSONField(_("diff"), null=True, blank=True, encoder=DjangoJSONEncoder)
    # Indexed: finds the event an autosave burst extends without scanning a user's history.
    revision = unconstrained_link(
        "wagtailcore.Revision", pgettext_lazy("activity log", "revision"), db_index=True
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    # The Wagtail log entry this event mirrors ("wagtailcore.pagelogentry" and its id), if any.
    log_entry_model = models.CharField(_("log entry model"), max_length=100, blank=True)
    log_entry_id = models.BigIntegerField(_("log entry id"), null=True, blank=True)
    # Shared by the events of one request, as Wagtail's log entry uuid.
    uuid = models.UUIDField(_("operation id"), null=True, blank=True)
    repeat_count = models.PositiveIntegerField(_("repeat count"), default=1)

    class Meta:
        verbose_name = _("activity event")
        verbose_name_plural = _("activity events")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(fields=["timestamp"], name="wt_activity_time_idx"),
            # One user's or one action's events grouped by object from the index alone (the
            # action too: the lists leave out sign-ins): the lists' user and action filters read
            # a year of them without the table.
            models.Index(
                fields=["user", "timestamp", "action", *OBJECT_KEY],
                name="wt_activity_user_object_idx",
            ),
            models.Index(
                fields=["action", "timestamp", *OBJECT_KEY], name="wt_activity_action_object_idx"
            ),
            models.Index(fields=["object_type", "timestamp"], name="wt_activity_type_time_idx"),
            # One object's history, newest first, and its latest title: no sort, no scan.
            models.Index(
                fields=["content_type", "object_id", "timestamp"], name="wt_activity_object_idx"
            ),
        ]
        constraints = [
            # One event per Wagtail log entry: makes the backfill idempotent.
            models.UniqueConstraint(
                fields=["log_entry_model", "log_entry_id"], name="wt_activity_log_entry_uniq"
            ),
        ]

    def __str__(self):
        return f"{self.action} {self.object_type} {self.object_id} by {self.user_name or '-'}"


# --- rollups: per-day counts, so the dashboard's cost follows the days shown ---------------


class RollupSpan(models.TextChoices):
    """The stretch of time one rollup covers: a local day, or a whole calendar month."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")


class ActivityRollup(models.Model):
    """Marks one day or month of one count table as built: its rows there are complete.

    Daily counts exist for every day; object counts per whole month, and per day only for the
    days around a report window's whole months.
    """

    class Counts(models.TextChoices):
        DAILY = "daily", _("daily activity counts")  # DailyActivityCount
        OBJECTS = "objects", _("object activity counts")  # ObjectActivityCount

    counts = models.CharField(_("counts"), max_length=16, choices=Counts.choices)
    span = models.CharField(_("span"), max_length=8, choices=RollupSpan.choices)
    start = models.DateField(_("first day"))
    # Days are local days: a change of TIME_ZONE makes every rollup stale.
    time_zone = models.CharField(_("time zone"), max_length=64)
    built_at = models.DateTimeField(_("built at"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity rollup")
        verbose_name_plural = _("activity rollups")
        constraints = [
            # Two processes building the same day: the second one's insert fails and it reads.
            models.UniqueConstraint(
                fields=["counts", "span", "start"], name="wt_rollup_counts_span_uniq"
            ),
        ]

    def __str__(self):
        return f"{self.counts} {self.span} {self.start}"


class DailyActivityCount(models.Model):
    """Actions per local day, site, object type, action and user: charts, key figures, top users."""

    day = models.DateField(_("day"))
    site = unconstrained_link("wagtailcore.Site", pgettext_lazy("activity log", "site"))
    object_type = models.CharField(_("object type"), max_length=32)
    action = models.CharField(_("action"), max_length=255)
    user = unconstrained_link(settings.AUTH_USER_MODEL, pgettext_lazy("activity log", "user"))
    actions = models.PositiveIntegerField(_("actions"))

    class Meta:
        verbose_name = _("daily activity count")
        verbose_name_plural = _("daily activity counts")
        indexes = [
            models.Index(fields=["day"], name="wt_rollup_daily_day_idx"),
            # One user's actions counted for the drill-down's pages from the index alone.
            models.Index(fields=["user", "day", "actions"], name="wt_rollup_daily_user_idx"),
        ]

    def __str__(self):
        return f"{self.day} {self.object_type} {self.action}: {self.actions}"


class ObjectActivityCount(models.Model):
    """Actions per object (and title) per local day, and per month once the month is over.

    Month rows keep a one-year window to about twelve rows per object.
    """

    span = models.CharField(_("span"), max_length=8, choices=RollupSpan.choices)
    start = models.DateField(_("first day"))
    site = unconstrained_link("wagtailcore.Site", pgettext_lazy("activity log", "site"))
    object_type = models.CharField(_("object type"), max_length=32)
    content_type = unconstrained_link(ContentType, pgettext_lazy("activity log", "content type"))
    object_id = models.CharField(pgettext_lazy("activity log", "object id"), max_length=255)
    # The events' title snapshot: an object renamed in the span has one row per title, so a
    # search on titles adds up exactly the events whose title matches.
    object_title = models.CharField(_("object title"), max_length=255, blank=True, default="")
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
