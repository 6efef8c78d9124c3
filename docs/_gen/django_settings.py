"""The smallest Django project that loads the plugin, so that ``make docs`` can read its code.

Nothing is migrated or served: the docs read declarations (``DEFAULTS``, providers, template
tags), never the database.
"""

SECRET_KEY = "docs-build-only"  # noqa: S105 - never serves anything
USE_TZ = True
USE_I18N = True
LANGUAGE_CODE = "en"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
INSTALLED_APPS = [
    "wagtail_tracking",
    "wagtail.contrib.settings",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
STATIC_URL = "/static/"
WAGTAIL_SITE_NAME = "docs"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
