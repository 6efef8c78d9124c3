import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wagtail_tracking.activity import disable_activity_capture
from wagtail_tracking.activity.backfill import backfill
from wagtail_tracking.management.arguments import batch_size, day


class Command(BaseCommand):
    help = (
        "Import Wagtail's existing audit log entries into the activity log. Safe to run again: "
        "entries already imported or captured are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since", type=day, help="Only entries from this date (YYYY-MM-DD) on."
        )
        parser.add_argument("--batch-size", type=batch_size, default=2000)

    def handle(self, *args, since=None, batch_size=2000, verbosity=1, **options):
        since_moment = None
        if since:
            since_moment = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        with disable_activity_capture():
            created = backfill(since=since_moment, batch_size=batch_size)
        if verbosity:
            self.stdout.write(f"Imported {created} activity events from Wagtail's audit log.")
