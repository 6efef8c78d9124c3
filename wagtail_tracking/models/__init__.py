"""The plugin's models, one module per concern, re-exported here for Django's app registry."""

import swapper


# Wagtail 8 lets a project swap the base page model (WAGTAIL_PAGE_MODEL); every page foreign key
# in this app goes through swapper.get_model_name("wagtailcore", "Page").
swapper.set_app_prefix("wagtailcore", "wagtail")

from .activity import ActivityEvent  # noqa: E402
from .activity_rollups import (  # noqa: E402
    ActivityRollup,
    DailyActivityCount,
    ObjectActivityCount,
)
from .consent import ConsentBannerSettings  # noqa: E402
from .permissions import AnalyticsPermission  # noqa: E402
from .providers import TrackingProviderSettings  # noqa: E402
from .usage import Audience, UsageCount, UsageFlush, UsageKind  # noqa: E402


__all__ = [
    "ActivityEvent",
    "ActivityRollup",
    "AnalyticsPermission",
    "Audience",
    "ConsentBannerSettings",
    "DailyActivityCount",
    "ObjectActivityCount",
    "TrackingProviderSettings",
    "UsageCount",
    "UsageFlush",
    "UsageKind",
]
