from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wagtail_tracking.consent.insights.buffer import flush_consent_buffer


class Command(BaseCommand):
    help = _(
        "Write the consent beacons buffered in the cache (USAGE_STORAGE = 'cache') to the "
        "database. Run it with wagtail_tracking_flush_usage; overlapping runs are safe."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--include-open",
            action="store_true",
            help=_("Also flush the windows still being written (only when no site is serving)."),
        )

    def handle(self, *args, include_open=False, **options):
        result = flush_consent_buffer(include_open=include_open)
        self.stdout.write(
            _("Flushed %(windows)d buffer windows: %(beacons)d beacons, %(receipts)d receipts.")
            % result.as_dict()
        )
