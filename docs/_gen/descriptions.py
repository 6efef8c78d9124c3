"""What each setting and system check means, in the words of the docs.

The keys, their defaults and the check IDs live in the code (``conf.DEFAULTS``, the checks
modules); only the explanations live here. ``reference.problems()`` fails (and so do
``tests/test_docs.py`` and ``make docs``) when the two sets differ: a setting or a check added
without a line here, or a line here about one that no longer exists.
"""

SETTINGS: dict[str, str] = {
    "CONSENT_STATISTICS": "Count the banner's displays and answers per site and day, "
    "anonymously (no cookie, identifier, IP or user agent), for *Analytics › Consent*. Stored as "
    "`USAGE_STORAGE` says. Needs the beacon URL (`wagtail_tracking.consent.urls`).",
    "CONSENT_RECEIPTS": "Keep a receipt of each choice (a random ID drawn in the visitor's "
    "browser, the time, the choice per tool and the banner version shown), to demonstrate consent "
    "(GDPR art. 7(1)).",
    "CONSENT_RECEIPT_RETENTION_DAYS": "Days receipts are kept (1826: five years, the ordinary "
    "French limitation period); `None` keeps them. Deleted by `wagtail_tracking_prune_consent`.",
    "CONSENT_STATISTICS_RETENTION_DAYS": "Days of consent counters kept (731); `None` keeps them.",
    "ACTIVITY_ROLLUP_REQUEST_SECONDS": "Seconds of rollup building a back-office report may "
    "spend inside its request (0.3). Older days are summarised by the task "
    "`build_activity_rollups_task` (when a task worker runs) or the command "
    "`wagtail_tracking_rollup_activity`; meanwhile the page reads those days from the events "
    "when they are few, or says that older figures are being prepared.",
    "ENABLED": "Master switch. `False` turns every part of the plugin off: tags render nothing "
    "and nothing is recorded.",
    "PROVIDERS_ENABLED": "`False`: the tags emit no tracker on any site, whatever editors set "
    '(e.g. `"PROVIDERS_ENABLED": os.environ.get("ENV") == "production"`). The settings screen '
    "says so.",
    "PROVIDERS": "Per provider slug (`ga4`, `ua`, `xiti`, `smarttag`, `piano`, `eulerian`, "
    '`matomo`, `plausible`, `umami`, or a hook provider\'s slug): `{"ENABLED": False}` never '
    'emits it in this environment, `{"LOCKED": True}` shows its fields read-only to editors, '
    '`{"OPTIONS": {...}}` passes options to a hook provider.',
    "SKIP_EDITORS": "`True`: no tracker for signed-in users who can open the Wagtail admin. It "
    "reads `request.user`, so pages get `Vary: Cookie`; leave it off if a full-page cache serves "
    "signed-in users.",
    "CACHE_ALIAS": "The cache holding each site's rendered trackers. Share it between web "
    "processes (Redis, Memcached, database cache) so a save reaches all of them at once "
    "(`check --deploy` warns with W010 otherwise).",
    "CACHE_TIMEOUT": "Seconds a site's rendered trackers stay cached (86400: one day); `None` "
    "keeps them until the next save. Saves refresh them immediately either way.",
    "CACHE_LOCAL_SECONDS": "Each web process keeps its own copy of the rendered trackers and "
    "checks the shared cache's version at most this often (5): a warm page makes no cache round "
    "trip, and a save reaches every process within this many seconds (at once in the process "
    "that saved). `0` checks on every render.",
    "SCRIPT_MAX_SIZE": "Largest vendor script (xtcore.js, smarttag.js, ea.localpix.js) editors "
    "may upload, in bytes (524288: 512 KB).",
    "CONSENT_BANNER": "`False`: never render the plugin's banner on any site (another consent "
    "manager drives the JavaScript API). Per site: *show the consent banner*.",
    "CONSENT_COOKIE_NAME": "Name of the first-party cookie holding the visitor's choice.",
    "CONSENT_COOKIE_MAX_AGE_DAYS": "Days a choice is kept before asking again; at most 395 "
    "(13 months).",
    "ACTIVITY_CAPTURE": "Record back-office actions in the activity log. `False` records nothing "
    "and connects no receiver at start-up (see also `disable_activity_capture()`).",
    "ACTIVITY_COALESCE_WINDOW": "Seconds. Autosaves of one object by one user with gaps shorter "
    "than this are one event with a repeat count. `0` never merges.",
    "ACTIVITY_COALESCE_ACTIONS": "Actions whose autosave bursts are merged.",
    "ACTIVITY_DIFFS": "Store what changed with each event.",
    "ACTIVITY_DIFF_MAX_LENGTH": "Longest old/new value kept in a diff, in characters (longer ones "
    "end with `…`).",
    "ACTIVITY_MASKED_FIELDS": "Extra regular expressions of field names whose values are never "
    "stored. Passwords, tokens, secrets, keys (API, access, licence, SSH…), DSNs, webhooks, "
    "salts, PINs, OTPs and URLs carrying a user:password are always masked.",
    "ACTIVITY_DIFF_PERSONAL_VALUES": "Keep the old and new values of user accounts' personal "
    "fields (e-mail, names, phone… every field but `is_active`, `is_staff`, `is_superuser`) in "
    "diffs. `False` (the default) records only that they changed.",
    "ACTIVITY_EXCLUDED_ACTIONS": 'Action codes never recorded, e.g. `["wagtail.lock", '
    '"wagtail.unlock"]`.',
    "ACTIVITY_AUTH_EVENTS": "Record logins and logouts of users who can access the Wagtail admin, "
    "and failed logins on its login page.",
    "ACTIVITY_RETENTION_MONTHS": "Months `wagtail_tracking_prune_activity` keeps. `None` keeps "
    "events forever.",
    "ACTIVITY_ANONYMISE_AFTER_DAYS": "Age in days after which "
    "`wagtail_tracking_anonymise_activity` replaces user names with pseudonyms. `None`: never.",
    "USAGE_ENABLED": "Count page views, document downloads and API calls (needs "
    "`UsageMiddleware`). `False`: the middleware returns at once, and at start-up no receiver "
    "is connected.",
    "USAGE_STORAGE": '`"database"`: one upsert per hit. `"cache"`: atomic increments in a shared '
    "cache, flushed to the database in batches.",
    "USAGE_CACHE_ALIAS": 'The `CACHES` alias of the `"cache"` mode; must be shared by every '
    "process (Redis, Memcached).",
    "USAGE_BUFFER_WINDOW": "Seconds per cache buffer window; a window is flushed once the next "
    "one is over.",
    "USAGE_BUFFER_TIMEOUT": "Seconds a buffered counter lives in the cache when no flush runs "
    "(604800: 7 days).",
    "USAGE_RETENTION_DAYS": "Days of counters kept by `wagtail_tracking_prune_usage`; `None` "
    "keeps them forever.",
    "USAGE_TIME_ZONES": "Time zone of each site's days, keyed by site id or hostname "
    '(`{"example.jp": "Asia/Tokyo"}`); other sites use `TIME_ZONE`.',
    "USAGE_PAGE_PANEL": "Add the 30-day usage panel to the *Promote* tab of every page model "
    "built from panel lists. `False`: place `UsagePanel` yourself.",
    "USAGE_BOT_PATTERNS": "Regular expressions (case-insensitive) of user agents never counted; "
    "`None` uses the built-in list.",
    "ALERTS_ENABLED": "Evaluate the alert rules on the activity stream. `False` at start-up "
    "connects nothing: no alert is raised or e-mailed.",
    "ALERTS_FROM_EMAIL": "Sender of alert and weekly digest e-mails; `None` uses "
    "`DEFAULT_FROM_EMAIL`.",
}

CHECKS: dict[str, str] = {
    "wagtail_tracking.E001": "`WAGTAIL_TRACKING` is not a dict.",
    "wagtail_tracking.E002": "`WAGTAIL_TRACKING` holds a key the plugin does not know (usually "
    "a typo).",
    "wagtail_tracking.E003": '`WAGTAIL_TRACKING["ENABLED"]` is not `True` or `False`.',
    "wagtail_tracking.E010": "`PROVIDERS_ENABLED` or `SKIP_EDITORS` is not `True` or `False`.",
    "wagtail_tracking.E011": "`CACHE_TIMEOUT` is not a positive number of seconds or `None`.",
    "wagtail_tracking.E012": "`SCRIPT_MAX_SIZE` is not a positive number of bytes.",
    "wagtail_tracking.E013": "`CACHE_ALIAS` is not a key of `CACHES`.",
    "wagtail_tracking.E014": "`PROVIDERS` is not a dict.",
    "wagtail_tracking.E015": "`PROVIDERS` names a provider that does not exist (the hint lists "
    "the known slugs).",
    "wagtail_tracking.E016": "A `PROVIDERS` entry is not a dict.",
    "wagtail_tracking.E017": "A `PROVIDERS` entry has a key other than `ENABLED`, `LOCKED` and "
    "`OPTIONS`.",
    "wagtail_tracking.E018": "A provider's `ENABLED` or `LOCKED` is not `True` or `False`.",
    "wagtail_tracking.E019": "A provider's `OPTIONS` is not a dict.",
    "wagtail_tracking.E020": "A `register_wagtail_tracking_providers` hook returned something "
    "that is not a `BaseProvider`.",
    "wagtail_tracking.E021": "A provider's `slug` is not made of letters, digits and underscores.",
    "wagtail_tracking.E022": "A provider declares no consent mode, or something that is not a "
    "`ConsentMode`.",
    "wagtail_tracking.E023": "A provider's `fields` hold something that is not a field "
    "declaration, or a duplicate or reserved name.",
    "wagtail_tracking.E024": "A provider's `cookies` hold something that is not a `Cookie`.",
    "wagtail_tracking.E025": "Two providers give the same name (`<slug>_<field>`) to one of "
    "their values.",
    "wagtail_tracking.W010": "(`check --deploy` only) `CACHE_ALIAS` is a per-process cache (local "
    "memory or dummy): a saved change reaches other web processes only when their cached copy "
    "expires.",
    "wagtail_tracking.E030": "`ACTIVITY_CAPTURE` is not `True` or `False`.",
    "wagtail_tracking.E031": "`ACTIVITY_COALESCE_WINDOW` is not a whole number of seconds, 0 or "
    "more.",
    "wagtail_tracking.E032": "`ACTIVITY_COALESCE_ACTIONS` or `ACTIVITY_EXCLUDED_ACTIONS` is not a "
    "list of action codes.",
    "wagtail_tracking.E033": "`ACTIVITY_DIFFS`, `ACTIVITY_AUTH_EVENTS` or `ACTIVITY_DIFF_PERSONAL_VALUES` is not "
    "`True` or `False`.",
    "wagtail_tracking.E034": "`ACTIVITY_DIFF_MAX_LENGTH` is not a whole number, at least 10.",
    "wagtail_tracking.E035": "`ACTIVITY_MASKED_FIELDS` is not a list of valid regular expressions.",
    "wagtail_tracking.E036": "`ACTIVITY_RETENTION_MONTHS` is not a number of months (1 or more) "
    "or `None`.",
    "wagtail_tracking.E037": "`ACTIVITY_ANONYMISE_AFTER_DAYS` is not a number of days (1 or "
    "more) or `None`.",
    "wagtail_tracking.W030": "`ACTIVITY_ANONYMISE_AFTER_DAYS` is not shorter than the retention: "
    "events are deleted before they are anonymised.",
    "wagtail_tracking.E040": '`USAGE_STORAGE` is neither `"database"` nor `"cache"`.',
    "wagtail_tracking.E041": '`USAGE_STORAGE` is `"cache"` and `USAGE_CACHE_ALIAS` is not in '
    "`CACHES`.",
    "wagtail_tracking.W040": "The usage cache is local-memory, file, database or dummy: not "
    "shared by all processes, or not atomic.",
    "wagtail_tracking.E042": "`USAGE_BUFFER_WINDOW` or `USAGE_BUFFER_TIMEOUT` is not a positive "
    "number of seconds.",
    "wagtail_tracking.E043": "`USAGE_BUFFER_TIMEOUT` is shorter than three buffer windows.",
    "wagtail_tracking.E044": "`USAGE_RETENTION_DAYS` is neither a positive number nor `None`.",
    "wagtail_tracking.E045": "`USAGE_TIME_ZONES` is not a dict, or names an unknown time zone.",
    "wagtail_tracking.E046": "`USAGE_BOT_PATTERNS` is not a list of valid regular expressions.",
    "wagtail_tracking.E047": "`USAGE_ENABLED` is not `True` or `False`.",
    "wagtail_tracking.W041": "Usage counting is on but `UsageMiddleware` is not in `MIDDLEWARE`.",
    "wagtail_tracking.W048": "The usage buffer's Redis may evict keys (its `maxmemory-policy` is "
    "not `noeviction`): unflushed counts can be lost.",
    "wagtail_tracking.W049": "The usage buffer cache is the general cache (`default`, or the same "
    "`LOCATION` as another alias): other traffic can evict unflushed counts.",
    "wagtail_tracking.I042": "`WAGTAILDOCS_DOCUMENT_FORM_BASE` does not include the downloads "
    "panel, so document edit screens show none.",
    "wagtail_tracking.E050": "`CONSENT_BANNER` is not `True` or `False`.",
    "wagtail_tracking.E051": "`CONSENT_COOKIE_MAX_AGE_DAYS` is not a whole number, at least 1.",
    "wagtail_tracking.E052": "`CONSENT_COOKIE_MAX_AGE_DAYS` exceeds 13 months (395 days).",
    "wagtail_tracking.W050": "`CONSENT_COOKIE_MAX_AGE_DAYS` is below 30: visitors are asked very "
    "often.",
    "wagtail_tracking.E053": "`CONSENT_COOKIE_NAME` is not a valid cookie name.",
    "wagtail_tracking.E054": "`CONSENT_STATISTICS` or `CONSENT_RECEIPTS` is not True or False.",
    "wagtail_tracking.E055": "A consent retention is not a whole number of days of at least 1, "
    "nor `None`.",
    "wagtail_tracking.W056": "Consent statistics or receipts are on but "
    "`wagtail_tracking.consent.urls` is not included: the banner sends nothing.",
}
