import datetime

from django.core.management.base import BaseCommand, CommandError

from wagtail_tracking.activity.rollup_blocks import prepare_rollups
from wagtail_tracking.activity.rollups import forget_rollups, last_finished_day
from wagtail_tracking.management.arguments import bounded_int
from wagtail_tracking.models import ActivityRollup


class Command(BaseCommand):
    help = (
        "Summarise the activity log's finished days for the back-office dashboard, newest first. "
        "Reports build only a few days per request: run this after an upgrade or a bulk import, "
        "and daily from cron when no task worker runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=bounded_int(1, 366 * 10),
            default=2 * 366,
            help="Summarise this many days back from yesterday (default: two years, at most ten).",
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="Forget every rollup first, then rebuild."
        )

    def handle(self, *args, days=2 * 366, rebuild=False, verbosity=1, **options):
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        if rebuild:
            forget_rollups()
        last = last_finished_day()
        first = last - datetime.timedelta(days=days - 1)
        before = ActivityRollup.objects.count()
        prepare_rollups((first, last))
        if verbosity:
            built = ActivityRollup.objects.count() - before
            self.stdout.write(
                f"Activity rollups from {first} to {last}: {built} days and months summarised."
            )
