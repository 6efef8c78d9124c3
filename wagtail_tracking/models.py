"""Every model of the plugin, re-exported for Django's app registry.

Each feature keeps its models in its own package (``activity/models.py``, ``usage/models.py``…);
Django only looks for them here. Import models from their feature, not from this module.
"""

from .activity.models import (
    ActivityEvent,
    ActivityRollup,
    DailyActivityCount,
    ObjectActivityCount,
)
from .alerts.models import Alert, AlertSettings, DigestDelivery, NotificationPreference
from .consent.insights.models import BannerVersion, ConsentCount, ConsentFlush, ConsentReceipt
from .consent.models import ConsentBannerSettings, ConsentBannerWording
from .providers.models import ProviderScript, TrackingProviderSettings
from .reports.models import AnalyticsPermission
from .usage.models import UsageCount, UsageFlush


__all__ = [
    "ActivityEvent",
    "ActivityRollup",
    "Alert",
    "AlertSettings",
    "AnalyticsPermission",
    "BannerVersion",
    "ConsentBannerSettings",
    "ConsentBannerWording",
    "ConsentCount",
    "ConsentFlush",
    "ConsentReceipt",
    "DailyActivityCount",
    "DigestDelivery",
    "NotificationPreference",
    "ObjectActivityCount",
    "ProviderScript",
    "TrackingProviderSettings",
    "UsageCount",
    "UsageFlush",
]
