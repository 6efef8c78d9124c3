"""The activity stream: a signal sent with the events just written, for whoever reads them live.

The activity log knows nothing of its readers (alerts, for one, connect here). The signal is sent
inside the editor's transaction, right after the insert: a receiver must only look at the events
in memory and defer any work of its own until the transaction commits. With no receiver
connected it costs one list check.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.dispatch import Signal

from .models import ActivityEvent


logger = logging.getLogger("wagtail_tracking.activity")

# Sent with ``events``: the list of ``ActivityEvent`` just inserted (ids unset after a bulk insert
# on MySQL/MariaDB).
events_recorded = Signal()


def announce(events: Sequence[ActivityEvent]) -> None:
    """Tell the stream's readers; a failing reader is logged and never reaches the editor."""
    if not events or not events_recorded.has_listeners(ActivityEvent):
        return
    for receiver, result in events_recorded.send_robust(ActivityEvent, events=list(events)):
        if isinstance(result, Exception):
            logger.error(
                "wagtail_tracking: a reader of the activity stream failed (%r).",
                receiver,
                exc_info=result,
            )
