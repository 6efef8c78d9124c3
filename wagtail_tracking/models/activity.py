"""The back-office activity log: one row per user action, shaped for reports and exports."""

import swapper
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


class ActivityEvent(models.Model):
    """One action taken in the back office (or by the API or the system).

    Field names are the public "activity log dataset" and are kept as-is in exports.
    Events outlive what they describe: every link (user, page, group, site, revision, content
    type) is an id without a database constraint, as in Wagtail's own log entries, and names and
    titles are snapshots taken when the action happened.
    """

    class Source(models.TextChoices):
        ADMIN = "admin", _("Admin")
        API = "api", _("API")
        SYSTEM = "system", _("System")
        AUTH = "auth", _("Authentication")

    timestamp = models.DateTimeField(_("timestamp (UTC)"), default=timezone.now)
    # The latest repeat of a coalesced autosave burst; equals timestamp for single actions.
    last_timestamp = models.DateTimeField(_("last repeat (UTC)"), default=timezone.now)
    site = unconstrained_link("wagtailcore.Site", _("site"))
    user = unconstrained_link(
        settings.AUTH_USER_MODEL, _("user")
    )  # served by the (user, timestamp) index
    user_name = models.CharField(_("user name"), max_length=255, blank=True)
    object_type = models.CharField(_("object type"), max_length=32)
    # No database constraint here either: PostgreSQL checks constraints at commit, where a stale
    # content type id would fail the editor's whole transaction instead of the plugin's insert.
    # Not indexed alone: served by the (content_type, object_id) index.
    content_type = unconstrained_link(ContentType, _("content type"), on_delete=models.SET_NULL)
    object_id = models.CharField(_("object id"), max_length=255, blank=True)
    object_title = models.CharField(_("object title"), max_length=255, blank=True)
    page = unconstrained_link(
        swapper.get_model_name("wagtailcore", "Page"), _("page"), db_index=True
    )
    action = models.CharField(_("action"), max_length=255)
    affected_user = unconstrained_link(settings.AUTH_USER_MODEL, _("affected user"))
    affected_username = models.CharField(_("affected username"), max_length=255, blank=True)
    group = unconstrained_link("auth.Group", _("group"))
    diff = models.JSONField(_("diff"), null=True, blank=True, encoder=DjangoJSONEncoder)
    # Indexed: finds the event an autosave burst extends without scanning a user's history.
    revision = unconstrained_link("wagtailcore.Revision", _("revision"), db_index=True)
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
            models.Index(fields=["user", "timestamp"], name="wt_activity_user_time_idx"),
            models.Index(fields=["object_type", "timestamp"], name="wt_activity_type_time_idx"),
            models.Index(fields=["content_type", "object_id"], name="wt_activity_object_idx"),
        ]
        constraints = [
            # One event per Wagtail log entry: makes the backfill idempotent.
            models.UniqueConstraint(
                fields=["log_entry_model", "log_entry_id"], name="wt_activity_log_entry_uniq"
            ),
        ]

    def __str__(self):
        return f"{self.action} {self.object_type} {self.object_id} by {self.user_name or '-'}"
