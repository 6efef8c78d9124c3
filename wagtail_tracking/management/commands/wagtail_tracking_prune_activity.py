from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wagtail_tracking.activity.retention import months_before, prune
from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.management.arguments import MAX_MONTHS, batch_size, bounded_int
from wagtail_tracking.models import ActivityEvent


class Command(BaseCommand):
    help = (
        "Delete activity events older than the retention period "
        "(WAGTAIL_TRACKING['ACTIVITY_RETENTION_MONTHS'], 25 months by default), in batches."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=bounded_int(1, MAX_MONTHS),
            help="Keep this many months instead of the setting.",
        )
        parser.add_argument("--batch-size", type=batch_size, default=5000)
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, months=None, batch_size=5000, dry_run=False, verbosity=1, **options):
        months = months if months is not None else tracking_settings.ACTIVITY_RETENTION_MONTHS
        if months is None:
            if verbosity:
                self.stdout.write("ACTIVITY_RETENTION_MONTHS is None: events are kept forever.")
            return
        if months < 1 or batch_size < 1:
            raise CommandError("--months and --batch-size must be 1 or more.")
        before = months_before(timezone.now(), months)
        if dry_run:
            count = ActivityEvent.objects.filter(timestamp__lt=before).count()
            self.stdout.write(f"Would delete {count} activity events older than {before:%Y-%m-%d}.")
            return
        deleted = prune(before, batch_size=batch_size)
        if verbosity:
            self.stdout.write(f"Deleted {deleted} activity events older than {before:%Y-%m-%d}.")
