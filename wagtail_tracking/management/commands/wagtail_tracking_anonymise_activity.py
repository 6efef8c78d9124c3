from django.core.management.base import BaseCommand, CommandError

from wagtail_tracking.activity.retention import anonymise_older_than, erase_person
from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.management.arguments import MAX_DAYS, batch_size, bounded_int


class Command(BaseCommand):
    help = (
        "Replace user names in old activity events with stable pseudonyms "
        "(after WAGTAIL_TRACKING['ACTIVITY_ANONYMISE_AFTER_DAYS'] days), or, with --user, in every "
        "event by or about one person (GDPR erasure; the account may already be deleted)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=bounded_int(1, MAX_DAYS),
            help="Anonymise events older than this many days.",
        )
        parser.add_argument(
            "--user",
            action="append",
            default=[],
            metavar="ID_OR_USERNAME",
            help="Erase this person's name from all their events, whatever their age. Repeatable.",
        )
        parser.add_argument("--batch-size", type=batch_size, default=2000)

    def handle(self, *args, days=None, user=(), batch_size=2000, verbosity=1, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        for identifier in user:
            count = erase_person(identifier, batch_size=batch_size)
            if verbosity:
                self.stdout.write(f"Erased {identifier!r} from {count} activity events.")
        if user and days is None:
            return
        days = days if days is not None else tracking_settings.ACTIVITY_ANONYMISE_AFTER_DAYS
        if days is None:
            if verbosity:
                self.stdout.write(
                    "ACTIVITY_ANONYMISE_AFTER_DAYS is None and no --days given: nothing to anonymise."
                )
            return
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        count = anonymise_older_than(days, batch_size=batch_size)
        if verbosity:
            self.stdout.write(f"Anonymised {count} activity events older than {days} days.")
