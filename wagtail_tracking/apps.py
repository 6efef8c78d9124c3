from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailTrackingAppConfig(AppConfig):
    name = "wagtail_tracking"
    label = "wagtail_tracking"
    verbose_name = _("Wagtail tracking")
    # Decided once for the app's lifetime, so migrations never depend on the host's DEFAULT_AUTO_FIELD.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules use models, which Django allows only once apps are loaded.
        # Importing a feature's checks module registers its system checks.
        from . import checks  # noqa: F401
        from .activity import checks as activity_checks  # noqa: F401
        from .activity.signal_handlers import register_signal_handlers as activity_signals
        from .alerts.signal_handlers import register_signal_handlers as alert_signals
        from .consent import checks as consent_checks  # noqa: F401
        from .consent.editing import attach_settings_edit_handler as attach_banner_screen
        from .consent.insights.signal_handlers import register_signal_handlers as beacon_signals
        from .output.admin import attach_settings_edit_handler
        from .output.signal_handlers import register_signal_handlers as output_signals
        from .providers import checks as provider_checks  # noqa: F401
        from .reports.startup import prepare_reports
        from .usage import checks as usage_checks  # noqa: F401
        from .usage.signal_handlers import register_signal_handlers as usage_signals

        activity_signals()
        usage_signals()
        alert_signals()
        output_signals()
        beacon_signals()
        attach_settings_edit_handler()
        attach_banner_screen()
        # The usage panel joins page models before Wagtail's checks build their edit handlers.
        prepare_reports()
