"""Settings for the test suite. The database comes from ``DATABASE_URL`` (SQLite by default)."""

import hashlib
import importlib.util
import os
import sys

import dj_database_url
import django
import wagtail


BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///:memory:")
RUN_TAG = os.environ.get("WAGTAIL_TRACKING_TEST_RUN", "")
if DATABASE_URL.startswith("mysql"):
    import pymysql

    pymysql.install_as_MySQLdb()

SECRET_KEY = "tests-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "Europe/Paris"
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "French")]
USE_I18N = True

# The cell of the matrix (tox.ini) this run is, for names that runs side by side must not share
# (`make test-oldest` beside `make test`): the SQLite test file, the Redis key prefix.
cell = "-".join(
    (
        f"py{sys.version_info.major}{sys.version_info.minor}",
        f"django{django.__version__}",
        f"wagtail{wagtail.__version__}",
        *(["modeladmin"] if importlib.util.find_spec("wagtail_modeladmin") else []),
        # Two runs of one cell side by side (CI runs the browser tests apart) name themselves.
        *([RUN_TAG] if RUN_TAG else []),
    )
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, so that pytest's --reuse-db keeps the migrated schema between runs. build/ is
    # ignored by git, so a fresh clone does not have it yet.
    os.makedirs(os.path.join(BASE_DIR, "build"), exist_ok=True)
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(BASE_DIR, "build", f"test-db-{cell}.sqlite3")
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    DATABASES["default"].setdefault("OPTIONS", {})["charset"] = "utf8mb4"
    DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4"}

INSTALLED_APPS = [
    "tests.testapp",
    # Adds a tracker provider through the hook only, as another package would.
    "tests.thirdparty",
    "wagtail_tracking",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The visitor's language from Accept-Language: the banner's French in the browser tests.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "tests.testapp.middleware.StrictCSPMiddleware",
    "wagtail_tracking.usage.middleware.UsageMiddleware",
]

ROOT_URLCONF = "tests.urls"

# Which Content Security Policy the browser tests' server runs under (tests/browser/test_csp.py):
# "" the suite's strict middleware; "django" Django 6's own middleware with its context processor;
# "django-bare" Django 6's middleware without the context processor; "django-csp" django-csp 4.
TEST_CSP = os.environ.get("WAGTAIL_TRACKING_TEST_CSP", "")
STRICT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "<nonce>"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "https:", "data:"],
    "connect-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ]
        },
    }
]

if TEST_CSP.startswith("django") and TEST_CSP != "django-csp":
    from django.utils.csp import CSP

    MIDDLEWARE[MIDDLEWARE.index("tests.testapp.middleware.StrictCSPMiddleware")] = (
        "django.middleware.csp.ContentSecurityPolicyMiddleware"
    )
    SECURE_CSP = {
        directive: [CSP.NONCE if value == "<nonce>" else value for value in values]
        for directive, values in STRICT_POLICY.items()
    }
    if TEST_CSP == "django":
        TEMPLATES[0]["OPTIONS"]["context_processors"].append(
            "django.template.context_processors.csp"
        )
elif TEST_CSP == "django-csp":
    from csp.constants import NONCE

    MIDDLEWARE[MIDDLEWARE.index("tests.testapp.middleware.StrictCSPMiddleware")] = (
        "csp.middleware.CSPMiddleware"
    )
    CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            directive: [NONCE if value == "<nonce>" else value for value in values]
            for directive, values in STRICT_POLICY.items()
        }
    }

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # A cache whose every read and write is a query (its table is made with the test database).
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "wagtail_tracking_test_cache",
    },
    # usage: the shared cache of the buffered counting mode (Redis database 3 by default).
    "usage_redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("USAGE_REDIS_URL", "redis://127.0.0.1:6379/3"),
        # One prefix per test database and cell, so suites run side by side never
        # flush each other's buffered counters.
        "KEY_PREFIX": "wt-tests-" + hashlib.sha1((DATABASE_URL + cell).encode()).hexdigest()[:8],  # noqa: S324
    },
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "build", "test-static")
MEDIA_URL = "/media/"
MEDIA_ROOT = os.path.join(BASE_DIR, "build", "test-media")

WAGTAIL_SITE_NAME = "wagtail-tracking tests"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The downloads panel on the document edit screen.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "wagtail_tracking.reports.document_form.DocumentUsageForm"

WAGTAIL_TRACKING = {}

# wagtail-modeladmin, when installed (the `modeladmin` extra; the Wagtail 8 cells of tox.ini):
# the optional integration's tests run, and skip elsewhere.
if importlib.util.find_spec("wagtail_modeladmin"):
    INSTALLED_APPS = ["tests.modeladmin_app", *INSTALLED_APPS, "wagtail_modeladmin"]
