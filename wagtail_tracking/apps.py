from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailTrackingAppConfig(AppConfig):
    name = "wagtail_tracking"
    label = "wagtail_tracking"
    verbose_name = _("Wagtail tracking")
    # Decided once for the app's lifetime, so migrations never depend on the host's DEFAULT_AUTO_FIELD.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .activity import checks as activity_checks  # noqa: F401
        from .activity import receivers as activity_receivers
        from .conf import tracking_settings
        from .consent import checks as consent_checks  # noqa: F401
        from .consent.signal_handlers import (
            register_signal_handlers as register_consent_signal_handlers,
        )
        from .providers import checks as provider_checks  # noqa: F401
        from .providers.signal_handlers import (
            register_signal_handlers as register_provider_signal_handlers,
        )
        from .usage import checks as usage_checks  # noqa: F401
        from .usage.marks import register_signal_handlers as register_usage_signal_handlers

        activity_receivers.connect()
        if tracking_settings.ENABLED and tracking_settings.USAGE_PAGE_PANEL:
            from .reports.panels import add_usage_panel_to_page_models

            add_usage_panel_to_page_models()
        register_provider_signal_handlers()
        register_usage_signal_handlers()
        register_consent_signal_handlers()
