"""Consent statistics, banner versions and receipts: nothing here identifies a visitor.

No IP address, user agent, cookie or account is stored; a receipt's only link to a person is its
random ID, which the visitor's browser drew and keeps in the consent cookie.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Site


class ConsentEvent(models.TextChoices):
    """What a counter counts. A choice may add several (a close is also a refusal)."""

    SHOWN = "shown", _("Banner shown")
    ACCEPTED = "accept", _("Accepted all")
    REFUSED = "refuse", _("Refused all")
    CUSTOMISED = "custom", _("Custom choice")
    CLOSED = "close", _("Closed without accepting")
    SIGNAL = "signal", _("Refused by a browser signal (GPC)")
    CHANGED = "change", _("Choice changed or withdrawn")
    TOOL_ACCEPTED = "tool_yes", _("Tool accepted")
    TOOL_REFUSED = "tool_no", _("Tool refused")


class ConsentCount(models.Model):
    """How many times something happened in the banner of one site on one day (site's zone).

    ``tool`` is the tracker's slug on per-tool rows, empty on the others.
    """

    day = models.DateField(_("day"))
    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("usage", "site"),
    )
    event = models.CharField(
        pgettext_lazy("consent statistics", "event"), max_length=16, choices=ConsentEvent.choices
    )
    tool = models.CharField(
        pgettext_lazy("consent statistics", "tool"), max_length=64, default="", blank=True
    )
    count = models.PositiveBigIntegerField(_("count"), default=0)

    #: The counter key, in the order of the unique constraint (column names).
    COUNTER_FIELDS = ("day", "site_id", "event", "tool")

    class Meta:
        verbose_name = _("consent count")
        verbose_name_plural = _("consent counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "site", "event", "tool"], name="wagtail_tracking_consent_counter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.event} {self.tool}: {self.count}"


class BannerVersion(models.Model):
    """What the banner showed on a site in one language: texts, tools and their consent modes.

    Recorded the first time a beacon reports a version whose digest matches what the server
    builds; a new row appears whenever a text, a tool or a mode changes.
    """

    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("usage", "site"),
    )
    language = models.CharField(pgettext_lazy("consent banner", "language"), max_length=16)
    digest = models.CharField(_("digest"), max_length=64)
    snapshot = models.JSONField(_("what was shown"))
    created_at = models.DateTimeField(_("first seen"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent banner version")
        verbose_name_plural = _("consent banner versions")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "language", "digest"], name="wagtail_tracking_banner_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.language} {self.digest}"


class ConsentReceipt(models.Model):
    """Proof of one choice: its random ID, when, where, which banner, and the choice per tool."""

    receipt_id = models.CharField(_("receipt ID"), max_length=32, unique=True)
    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("usage", "site"),
    )
    created_at = models.DateTimeField(_("recorded at"), db_index=True)
    version = models.ForeignKey(
        BannerVersion,
        on_delete=models.PROTECT,
        related_name="receipts",
        verbose_name=_("banner version"),
    )
    action = models.CharField(
        pgettext_lazy("consent receipt", "action"), max_length=16, choices=ConsentEvent.choices
    )
    changed = models.BooleanField(_("changed a previous choice"), default=False)
    #: ``{tool slug: true (accepted) | false (refused)}``; exempt tools left untouched are absent.
    choices = models.JSONField(pgettext_lazy("consent receipt", "choices"))

    class Meta:
        verbose_name = _("consent receipt")
        verbose_name_plural = _("consent receipts")
        indexes = [
            models.Index(fields=["site", "created_at"], name="wagtail_tracking_receipt_site"),
        ]
        permissions = [("view_consent_receipts", _("Can look up and export consent receipts"))]

    def __str__(self) -> str:
        return self.receipt_id


class ConsentFlush(models.Model):
    """Marks a cache buffer window of beacons as written, exactly once (as ``UsageFlush``)."""

    window = models.BigIntegerField(_("buffer window"), primary_key=True)
    flushed_at = models.DateTimeField(_("flushed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent buffer flush")
        verbose_name_plural = _("consent buffer flushes")

    def __str__(self) -> str:
        return f"window {self.window}"
