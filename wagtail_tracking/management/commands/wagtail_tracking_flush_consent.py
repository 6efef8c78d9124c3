from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_tracking.consent.insights.buffer import flush_consent_buffer
from wagtail_tracking.management.buffers import BufferFlushCommand


class Command(BufferFlushCommand):
    help = _(
        "Write the consent beacons buffered in the cache (USAGE_STORAGE = 'cache') to the "
        "database. Run it with wagtail_tracking_flush_usage; overlapping runs are safe."
    )
    flush = staticmethod(flush_consent_buffer)
    report = gettext_lazy(
        "Flushed %(windows)d buffer windows: %(beacons)d beacons, %(receipts)d receipts."
    )
