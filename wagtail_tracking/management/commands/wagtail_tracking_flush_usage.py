from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wagtail_tracking.usage.buffer import flush_usage_buffer


class Command(BaseCommand):
    help = _(
        "Write the usage counters buffered in the cache to the database. Run it every minute or "
        "few (cron, or the flush_usage_buffer_task); overlapping runs are safe."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--include-open",
            action="store_true",
            help=_("Also flush the windows still being written (only when no site is serving)."),
        )

    def handle(self, *args, include_open=False, **options):
        result = flush_usage_buffer(include_open=include_open)
        self.stdout.write(
            _("Flushed %(windows)d buffer windows: %(hits)d hits in %(rows)d counters.")
            % result.as_dict()
        )
