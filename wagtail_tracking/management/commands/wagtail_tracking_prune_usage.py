from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_tracking.conf import tracking_settings
from wagtail_tracking.management.arguments import MAX_DAYS, batch_size, bounded_int
from wagtail_tracking.usage.prune import prune_usage


class Command(BaseCommand):
    help = _("Delete daily usage counters older than the retention period.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=bounded_int(0, MAX_DAYS),
            default=None,
            help=_("Keep this many days instead of WAGTAIL_TRACKING['USAGE_RETENTION_DAYS']."),
        )
        parser.add_argument("--batch-size", type=batch_size, default=5000)

    def handle(self, *args, days=None, batch_size=5000, **options):
        if days is not None and days < 0:
            raise CommandError(_("--days must be 0 or more."))
        if batch_size < 1:
            raise CommandError(_("--batch-size must be 1 or more."))
        if days is None and tracking_settings.USAGE_RETENTION_DAYS is None:
            self.stdout.write(_("USAGE_RETENTION_DAYS is None: usage counters are kept forever."))
            return
        deleted = prune_usage(days=days, batch_size=batch_size)
        self.stdout.write(_("Deleted %(count)d usage counters.") % {"count": deleted})
