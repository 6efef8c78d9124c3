"""Alerts raised, their per-site configuration, and who wants to be told (alerts, weekly digest)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .forms import AlertSettingsForm
from .severity import Severity


class Alert(models.Model):
    """One risky thing that happened, raised once however many processes saw it.

    The text shown is rendered by the rule from ``details`` in the reader's language; the events
    that triggered it are kept as ids (events may be pruned before the alert is read).
    """

    rule = models.CharField(_("rule"), max_length=64)
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    # rule, subject and window: two processes raising the same alert insert one row.
    dedupe_key = models.CharField(_("dedupe key"), max_length=255, unique=True)
    # What a burst is about ("failed_logins" for one username…): one alert per burst window.
    subject = models.CharField(pgettext_lazy("alert", "subject"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("raised at"), default=timezone.now, db_index=True)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=pgettext_lazy("alert", "site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_id_snapshot = models.BigIntegerField(_("user id"), null=True, blank=True)
    user_name = models.CharField(_("user name"), max_length=255, blank=True)
    details = models.JSONField(_("details"), default=dict, encoder=DjangoJSONEncoder)
    event_ids = models.JSONField(_("events"), default=list)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["acknowledged_at"], name="wt_alert_ack_idx"),
            models.Index(fields=["rule", "subject", "created_at"], name="wt_alert_subject_idx"),
        ]

    def __str__(self):
        return f"{self.rule} {self.created_at:%Y-%m-%d %H:%M}"


@register_setting(icon="warning")
class AlertSettings(BaseSiteSetting):
    """Which rules are on and their thresholds, per site; edited with "Change alert settings"."""

    disabled_rules = models.JSONField(_("rules switched off"), default=list, blank=True)
    deletion_threshold = models.PositiveIntegerField(
        _("deletions or unpublications"),
        default=10,
        help_text=_("Raise an alert when one user deletes or unpublishes this many objects…"),
    )
    deletion_window = models.PositiveIntegerField(
        _("deletion window (minutes)"), default=10, help_text=_("…within this many minutes.")
    )
    failed_login_threshold = models.PositiveIntegerField(
        _("failed logins for one username"),
        default=6,
        help_text=_("Raise an alert when one username fails to log in this many times…"),
    )
    failed_login_total_threshold = models.PositiveIntegerField(
        _("failed logins overall"),
        default=20,
        help_text=_("…or when this many logins fail overall…"),
    )
    failed_login_window = models.PositiveIntegerField(
        _("failed login window (minutes)"), default=15, help_text=_("…within this many minutes.")
    )

    base_form_class = AlertSettingsForm
    panels = [
        HelpPanel(
            content=_(
                "Alerts are shown under Analytics › Alerts and on the dashboard until "
                "acknowledged, and e-mailed to the users who asked for them in their account."
            )
        ),
        FieldPanel("disabled_rules"),
        MultiFieldPanel(
            [FieldPanel("deletion_threshold"), FieldPanel("deletion_window")],
            heading=_("Bulk deletions"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("failed_login_threshold"),
                FieldPanel("failed_login_total_threshold"),
                FieldPanel("failed_login_window"),
            ],
            heading=_("Failed logins"),
        ),
    ]

    class Meta:
        verbose_name = _("tracking alerts")
        verbose_name_plural = _("tracking alerts")


class NotificationPreference(models.Model):
    """What one user asked to receive by e-mail: alerts as they happen, a weekly digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("alert", "user"),
        on_delete=models.CASCADE,
        related_name="wagtail_tracking_notifications",
    )
    alert_emails = models.BooleanField(_("e-mail me alerts"), default=False)
    weekly_digest = models.BooleanField(_("e-mail me a weekly digest"), default=False)
    digest_sites = models.ManyToManyField(
        "wagtailcore.Site",
        verbose_name=_("sites in the digest"),
        blank=True,
        related_name="+",
        help_text=_("One digest per site chosen; none chosen means every site."),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)


class DigestDelivery(models.Model):
    """One weekly digest sent: running the command twice for a week sends nothing twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("alert", "user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=pgettext_lazy("alert", "site"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    week = models.DateField(_("week (Monday)"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(fields=["user", "site", "week"], name="wt_digest_once_uniq")
        ]

    def __str__(self):
        return f"{self.user_id} {self.site_id} {self.week}"
