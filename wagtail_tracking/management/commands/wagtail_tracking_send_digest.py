"""Send the weekly analytics digest to the users who asked for it (run it weekly from cron).

Running it twice for the same week sends nothing twice.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from wagtail_tracking.reports.digest.figures import last_week, week_of
from wagtail_tracking.reports.digest.mail import send_digests


class Command(BaseCommand):
    help = "Send the weekly analytics digest of the last finished week (or of --week)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--week",
            help="Any day (YYYY-MM-DD) of the week to send; default: the last finished week.",
        )

    def handle(self, *args, week=None, **options):
        if week:
            try:
                period = week_of(datetime.date.fromisoformat(week))
            except ValueError as error:
                raise CommandError(f"--week: {error}; expected YYYY-MM-DD.") from error
        else:
            period = last_week()
        run = send_digests(period)
        self.stdout.write(
            f"Week of {period.start:%Y-%m-%d}: {run.sent} digest(s) sent, "
            f"{run.already_sent} already sent, {run.failed} failed."
        )
