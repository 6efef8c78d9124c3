"""Action codes: the plugin's own, registered with Wagtail so that they display like its own,
and the few of Wagtail's that the capture treats specially."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


LOGIN = "wagtail_tracking.login"
LOGOUT = "wagtail_tracking.logout"
LOGIN_FAILED = "wagtail_tracking.login_failed"
GROUPS_CHANGE = "wagtail_tracking.groups_change"
PERMISSIONS_CHANGE = "wagtail_tracking.permissions_change"
BULK_ACTION = "wagtail_tracking.bulk_action"
# The log itself shrank: old events deleted, or one person's events pseudonymised on request.
EVENTS_PRUNED = "wagtail_tracking.events_pruned"
EVENTS_ERASED = "wagtail_tracking.events_erased"
# An object inspected in wagtail-modeladmin's inspect view (the optional integration).
INSPECT = "wagtail_tracking.inspect"

# Wagtail's own codes for the actions the plugin also records where Wagtail writes no log entry.
CREATE, EDIT, DELETE = "wagtail.create", "wagtail.edit", "wagtail.delete"

# Authentication is not work on content: logins, logouts and failed logins are not "actions".
AUTH_ACTIONS = (LOGIN, LOGOUT, LOGIN_FAILED)

# Recorded for a change Wagtail did not log; becomes the create/edit it belongs to if Wagtail
# logs one for the same object in the same operation.
PROVISIONAL_ACTIONS = frozenset({GROUPS_CHANGE, PERMISSIONS_CHANGE})

ACTIONS = {
    LOGIN: (pgettext_lazy("activity log", "Log in"), _("Logged in")),
    LOGOUT: (pgettext_lazy("activity log", "Log out"), pgettext_lazy("activity log", "Logged out")),
    LOGIN_FAILED: (_("Failed login"), _("Failed to log in")),
    GROUPS_CHANGE: (_("Change groups"), _("Group membership changed")),
    PERMISSIONS_CHANGE: (_("Change permissions"), _("Permissions changed")),
    BULK_ACTION: (_("Bulk action"), _("Changed by a bulk action")),
    EVENTS_PRUNED: (_("Prune activity events"), _("Old activity events deleted")),
    EVENTS_ERASED: (_("Erase a person from the activity log"), _("A person's activity erased")),
    INSPECT: (pgettext_lazy("activity log", "Inspect"), pgettext_lazy("activity log", "Inspected")),
}


def register_log_actions(registry) -> None:
    for action, (label, message) in ACTIONS.items():
        registry.register_action(action, label, message)
