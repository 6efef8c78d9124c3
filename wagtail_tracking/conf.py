"""Developer configuration: the ``WAGTAIL_TRACKING`` dict in Django settings.

Read values through ``tracking_settings``::

    from wagtail_tracking.conf import tracking_settings

    if tracking_settings.ENABLED:
        ...

Every key has a documented default in ``DEFAULTS``; a project sets only the keys it changes.
The object re-reads Django settings when they change, so ``override_settings`` works in tests.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


SETTINGS_NAME = "WAGTAIL_TRACKING"

DEFAULTS: dict[str, Any] = {
    # Master switch: False turns every part of the plugin off (tags render nothing, nothing is recorded).
    "ENABLED": True,
    # --- providers -------------------------------------------------------------------------------
    # False: the tags emit no tracker on any site (e.g. `not DEBUG` or an env var outside production).
    "PROVIDERS_ENABLED": True,
    # Per provider slug: {"ENABLED": bool, "LOCKED": bool, "OPTIONS": dict}; see the README.
    "PROVIDERS": {},
    # True: emit no tracker for signed-in users who can access the Wagtail admin (adds Vary: Cookie).
    "SKIP_EDITORS": False,
    # Cache alias holding each site's rendered tracker configuration; share it across processes.
    "CACHE_ALIAS": "default",
    # Seconds a site's rendered configuration stays cached (None: until the next settings save).
    "CACHE_TIMEOUT": 60 * 60 * 24,
    # Seconds each web process may serve its own copy of the tracker HTML before checking the
    # shared cache's version again: a settings change reaches every process within this time,
    # and a warm page makes no cache round trip meanwhile (0: check on every render).
    "CACHE_LOCAL_SECONDS": 5,
    # Largest vendor script file (xtcore.js, smarttag.js, ea.localpix.js) editors may upload, in bytes.
    "SCRIPT_MAX_SIZE": 512 * 1024,
    # --- consent: the visitor consent banner (wagtail_tracking.consent) ---
    # False: never render the plugin's banner (another consent manager drives the JS API).
    "CONSENT_BANNER": True,
    # Name of the first-party cookie holding the visitor's choice.
    "CONSENT_COOKIE_NAME": "wagtail_tracking_consent",
    # Days the choice is kept before asking again; 395 (13 months, the CNIL maximum) at most.
    "CONSENT_COOKIE_MAX_AGE_DAYS": 395,
    # Count the banner's displays and choices per site and day, anonymously (consent.insights;
    # the beacon endpoint consent.urls must be included). Stored as USAGE_STORAGE says.
    "CONSENT_STATISTICS": True,
    # Keep a receipt of every choice (random ID, time, banner version, choice per tool).
    "CONSENT_RECEIPTS": True,
    # Days receipts are kept before wagtail_tracking_prune_consent deletes them (None: forever).
    # 5 years: the limitation period during which the site may have to prove a consent.
    "CONSENT_RECEIPT_RETENTION_DAYS": 1826,
    # Days of consent statistics kept by wagtail_tracking_prune_consent (None: forever).
    "CONSENT_STATISTICS_RETENTION_DAYS": 731,
    # --- activity: the back-office activity log ---
    # Record admin, API and system actions in the activity log (False: record nothing).
    "ACTIVITY_CAPTURE": True,
    # Seconds: autosaves of one object by one user within this gap become one event (0: never merge).
    "ACTIVITY_COALESCE_WINDOW": 300,
    # Action codes whose autosave bursts are merged into one event with a repeat count.
    "ACTIVITY_COALESCE_ACTIONS": ["wagtail.edit"],
    # Store what changed (field names with short old/new values, groups, permissions).
    "ACTIVITY_DIFFS": True,
    # Longest old/new value kept in a diff, in characters; longer values are cut with "…".
    "ACTIVITY_DIFF_MAX_LENGTH": 80,
    # Extra regular expressions of field names whose values are never stored (passwords, tokens
    # and secrets are always masked).
    "ACTIVITY_MASKED_FIELDS": [],
    # Keep the old and new values of user accounts' personal fields (e-mail, names, phone… every
    # field but is_active, is_staff and is_superuser) in diffs. False: the diff only says they
    # changed, so "Browse analytics" never shows anyone's old and new e-mail address.
    "ACTIVITY_DIFF_PERSONAL_VALUES": False,
    # Action codes never recorded, e.g. ["wagtail.lock", "wagtail.unlock"].
    "ACTIVITY_EXCLUDED_ACTIONS": [],
    # Record logins, logouts and failed logins to the Wagtail admin.
    "ACTIVITY_AUTH_EVENTS": True,
    # Months events are kept before wagtail_tracking_prune_activity deletes them (None: forever).
    "ACTIVITY_RETENTION_MONTHS": 25,
    # Days after which wagtail_tracking_anonymise_activity pseudonymises actor names (None: never).
    "ACTIVITY_ANONYMISE_AFTER_DAYS": None,
    # Seconds of rollup building a back-office report may spend in its request; older days are
    # then built by the task build_activity_rollups_task or wagtail_tracking_rollup_activity.
    "ACTIVITY_ROLLUP_REQUEST_SECONDS": 0.3,
    # --- usage: first-party, cookieless daily counters (wagtail_tracking.usage) ---
    # Count page views, document downloads and API calls (needs UsageMiddleware).
    "USAGE_ENABLED": True,
    # "database": one upsert per hit; "cache": atomic increments in a shared cache, flushed later.
    "USAGE_STORAGE": "database",
    # Alias in CACHES used by the "cache" storage; must be shared by all processes (Redis, Memcached).
    "USAGE_CACHE_ALIAS": "default",
    # Seconds per cache buffer window; a window is flushed once the next one is over.
    "USAGE_BUFFER_WINDOW": 60,
    # Seconds a buffered counter lives in the cache if no flush runs (7 days).
    "USAGE_BUFFER_TIMEOUT": 7 * 24 * 3600,
    # Days of counters kept by wagtail_tracking_prune_usage; None keeps them forever.
    "USAGE_RETENTION_DAYS": 731,
    # Time zone per site ({site id or hostname: "Europe/Paris"}); others use settings.TIME_ZONE.
    "USAGE_TIME_ZONES": {},
    # Add the 30-day usage panel to the Promote tab of every page model built from Wagtail's
    # panel lists (False: place wagtail_tracking.reports.panels.UsagePanel yourself).
    "USAGE_PAGE_PANEL": True,
    # Regular expressions (case-insensitive) of user agents never counted; None = built-in list.
    "USAGE_BOT_PATTERNS": None,
    # --- alerts and the weekly digest (wagtail_tracking.alerts) ---
    # Evaluate the alert rules on the activity stream (False at start-up: nothing is connected).
    "ALERTS_ENABLED": True,
    # "From" address of alert and digest e-mails (None: settings.DEFAULT_FROM_EMAIL).
    "ALERTS_FROM_EMAIL": None,
}


class TrackingSettings:
    """Attribute access to ``WAGTAIL_TRACKING`` merged over ``DEFAULTS``."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}

    @property
    def user_settings(self) -> dict[str, Any]:
        value = getattr(settings, SETTINGS_NAME, {})
        # A malformed value is reported by system check wagtail_tracking.E001; fall back to defaults.
        return value if isinstance(value, dict) else {}

    def __getattr__(self, name: str) -> Any:
        if name not in DEFAULTS:
            raise AttributeError(f"{SETTINGS_NAME} has no setting {name!r}")
        if name not in self._cache:
            self._cache[name] = self.user_settings.get(name, DEFAULTS[name])
        return self._cache[name]

    def reload(self) -> None:
        self._cache.clear()


tracking_settings = TrackingSettings()


@receiver(setting_changed)
def _reload_tracking_settings(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTINGS_NAME:
        tracking_settings.reload()
