from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_tracking.management.buffers import BufferFlushCommand
from wagtail_tracking.usage.buffer import flush_usage_buffer


class Command(BufferFlushCommand):
    help = _(
        "Write the usage counters buffered in the cache to the database. Run it every minute or "
        "few (cron, or the flush_usage_buffer_task); overlapping runs are safe."
    )
    flush = staticmethod(flush_usage_buffer)
    report = gettext_lazy("Flushed %(windows)d buffer windows: %(hits)d hits in %(rows)d counters.")
