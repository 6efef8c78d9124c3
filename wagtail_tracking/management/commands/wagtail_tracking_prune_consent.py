from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_tracking.consent.insights.prune import prune_consent


class Command(BaseCommand):
    help = _(
        "Delete consent receipts and consent statistics older than their retention periods, "
        "then the banner versions no receipt points to."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--receipt-days",
            type=int,
            default=None,
            help=_(
                "Keep receipts this many days instead of "
                "WAGTAIL_TRACKING['CONSENT_RECEIPT_RETENTION_DAYS']."
            ),
        )
        parser.add_argument(
            "--statistics-days",
            type=int,
            default=None,
            help=_(
                "Keep statistics this many days instead of "
                "WAGTAIL_TRACKING['CONSENT_STATISTICS_RETENTION_DAYS']."
            ),
        )
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, receipt_days=None, statistics_days=None, batch_size=5000, **options):
        for option, value in (
            ("--receipt-days", receipt_days),
            ("--statistics-days", statistics_days),
        ):
            if value is not None and value < 0:
                raise CommandError(_("%(option)s must be 0 or more.") % {"option": option})
        if batch_size < 1:
            raise CommandError(_("--batch-size must be 1 or more."))
        result = prune_consent(
            receipt_days=receipt_days, statistics_days=statistics_days, batch_size=batch_size
        )
        self.stdout.write(
            _(
                "Deleted %(receipts)d consent receipts, %(counts)d consent counters and "
                "%(versions)d banner versions."
            )
            % result.as_dict()
        )
