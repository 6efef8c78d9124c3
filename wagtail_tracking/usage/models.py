"""Daily usage counters: page views, document downloads and API calls, with nothing personal.

One table holds two kinds of rows so that a hit is stored with ONE upsert statement:

* object rows (``referrer == ""``): views of a page, downloads of a document, calls of an API
  endpoint, per day, site and audience;
* referrer rows (``referrer != ""``): the same hits counted per referring domain (``"direct"``,
  ``"internal"`` or a host name), with ``object_id == 0`` and ``endpoint == ""``.

Pages and documents are stored by id, not by foreign key: their history survives deletion (the
site totals stay right), custom document models and Wagtail 8's swappable page model need no
migration, and the upsert's conflict key has no nullable column.
"""

from __future__ import annotations

import datetime
from typing import TypeAlias

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Site


class Audience(models.IntegerChoices):
    ANONYMOUS = 1, _("Anonymous visitors")
    AUTHENTICATED = 2, _("Authenticated users")
    ADMIN = 3, _("Users with admin access")


DIRECT_REFERRER = "direct"
INTERNAL_REFERRER = "internal"

#: Longest kind value (``kinds.UsageKind.value``) and endpoint name stored.
KIND_MAX_LENGTH = 16
ENDPOINT_MAX_LENGTH = 64

#: A counter's key, in the order of ``UsageCount.COUNTER_FIELDS``: day, site id, kind, audience,
#: object id, endpoint, referrer.
CounterKey: TypeAlias = tuple[datetime.date, int, str, int, int, str, str]


class UsageCountQuerySet(models.QuerySet):
    def object_rows(self) -> UsageCountQuerySet:
        """Rows counted per page, document or endpoint (the totals)."""
        return self.filter(referrer="")

    def referrer_rows(self) -> UsageCountQuerySet:
        """Rows counted per referring domain (the same hits, split another way)."""
        return self.exclude(referrer="")

    def in_period(self, start: datetime.date, end: datetime.date) -> UsageCountQuerySet:
        return self.filter(day__gte=start, day__lte=end)


class UsageCount(models.Model):
    """How many times something was used on one day, on one site, by one audience.

    Attributes:
        day: the day in the site's time zone (``WAGTAIL_TRACKING["USAGE_TIME_ZONES"]``).
        site: the Wagtail site that served the request.
        kind: the value of a ``kinds.UsageKind``: "page", "document", "api"…
        audience: anonymous visitors, authenticated users or users with admin access.
        object_id: page id or document id; 0 for kinds counted per endpoint and referrer rows.
        endpoint: API endpoint name ("pages", "pages/detail"…); empty otherwise.
        referrer: referring domain on referrer rows; empty on object rows.
        count: number of hits.
    """

    day = models.DateField(_("day"))
    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("usage", "site"),
    )
    # No choices: the kinds are declared in usage/kinds.py, and a new one needs no migration.
    kind = models.CharField(_("kind"), max_length=KIND_MAX_LENGTH)
    audience = models.PositiveSmallIntegerField(_("audience"), choices=Audience.choices)
    object_id = models.PositiveBigIntegerField(pgettext_lazy("usage", "object id"), default=0)
    endpoint = models.CharField(
        _("API endpoint"), max_length=ENDPOINT_MAX_LENGTH, default="", blank=True
    )
    referrer = models.CharField(_("referring domain"), max_length=255, default="", blank=True)
    count = models.PositiveBigIntegerField(_("count"), default=0)

    objects = UsageCountQuerySet.as_manager()

    # The counter key: every field but the count, in the order of the unique constraint.
    COUNTER_FIELDS = ("day", "site", "kind", "audience", "object_id", "endpoint", "referrer")

    class Meta:
        verbose_name = _("usage count")
        verbose_name_plural = _("usage counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "site", "kind", "audience", "object_id", "endpoint", "referrer"],
                name="wagtail_tracking_usage_unique_counter",
            )
        ]
        indexes = [
            models.Index(fields=["kind", "object_id", "day"], name="wagtail_tracking_usage_obj"),
        ]

    def __str__(self) -> str:
        target = self.referrer or self.endpoint or str(self.object_id)
        return f"{self.day} {self.kind} {target}: {self.count}"


class UsageFlush(models.Model):
    """Marks a cache buffer window as written to the database, exactly once.

    The flush inserts this row in the same transaction as the counts; a second flusher of the
    same window hits the primary key and rolls back, so no window is counted twice.
    """

    window = models.BigIntegerField(_("buffer window"), primary_key=True)
    flushed_at = models.DateTimeField(_("flushed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("usage buffer flush")
        verbose_name_plural = _("usage buffer flushes")

    def __str__(self) -> str:
        return f"window {self.window}"
