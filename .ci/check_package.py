"""Build the sdist and wheel, check them, and install the wheel into a fresh virtual environment.

Run through `make package-check`. Fails loudly when a template, static file, migration or
translation would be missing from what PyPI users install, or when the installed wheel does not
migrate, pass Django's checks and render its template tags in a minimal project.
"""

import fcntl
import shutil
import subprocess
import sys
import tempfile
import venv
import zipfile
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "wagtail_tracking"

PROJECT_SETTINGS = """
SECRET_KEY = "package-check"
USE_TZ = True
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
INSTALLED_APPS = [
    "wagtail_tracking", "wagtail.contrib.settings", "wagtail.users",
    "wagtail.snippets", "wagtail.documents", "wagtail.images", "wagtail.search", "wagtail.admin",
    "wagtail", "modelcluster", "taggit", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail_tracking.usage.middleware.UsageMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
STATIC_URL = "/static/"
ALLOWED_HOSTS = ["localhost"]
WAGTAIL_SITE_NAME = "package check"
WAGTAILADMIN_BASE_URL = "http://localhost"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
ROOT_URLCONF = "project_urls"
"""

# The README's URL step: the consent beacon (statistics and receipts) under the site's URLs.
PROJECT_URLS = """
from django.urls import include, path
urlpatterns = [path("wagtail-tracking/", include("wagtail_tracking.consent.urls"))]
"""

RENDER = """
import pathlib
import django
django.setup()
import wagtail_tracking
from django.template import engines
from django.test import RequestFactory
path = pathlib.Path(wagtail_tracking.__file__)
assert "site-packages" in str(path), path
from wagtail.models import Site
from wagtail_tracking.models import TrackingProviderSettings
# A tracker saved as the settings screen saves it: values in the JSON field, validated.
tracking = TrackingProviderSettings.for_site(Site.objects.get(is_default_site=True))
tracking.update_provider("plausible", enabled=True, values={"script_id": "pa-package-check"})
tracking.full_clean()
tracking.save()
template = engines["django"].from_string(
    "{% load wagtail_tracking_tags %}{% tracking_head %}{% tracking_body %}"
)
html = template.render({}, request=RequestFactory().get("/", HTTP_HOST="localhost"))
assert "https://plausible.io/js/pa-package-check.js" in html, html
print("rendered the tags with wagtail_tracking", wagtail_tracking.__version__, "from", path.parent)
"""


def run(*args, **kwargs):
    print("$", " ".join(str(arg) for arg in args), flush=True)
    subprocess.run(args, check=True, **kwargs)


def files_users_need():
    """Every template, static file, catalogue and migration of the source tree."""
    found = {"wagtail_tracking/py.typed", "wagtail_tracking/locale/fr/LC_MESSAGES/django.mo"}
    for folder in ("templates", "static", "locale", "migrations"):
        for path in (PACKAGE / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                found.add(path.relative_to(ROOT).as_posix())
    return sorted(found)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        dist = Path(tmp) / "dist"
        # setuptools writes build/ and the egg-info into the source tree: one build at a time
        # (CI runs the fresh-project checks, which build too, beside this one).
        (ROOT / "build").mkdir(exist_ok=True)
        with open(ROOT / "build" / "wheel-build.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)  # no stale module
            run(sys.executable, "-m", "build", "--outdir", dist, ROOT, stdout=subprocess.DEVNULL)
        [wheel] = dist.glob("*.whl")
        [sdist] = dist.glob("*.tar.gz")
        run(sys.executable, "-m", "twine", "check", "--strict", wheel, sdist)

        names = zipfile.ZipFile(wheel).namelist()
        missing = [name for name in files_users_need() if name not in names]
        if missing:
            sys.exit(f"missing from {wheel.name}: {', '.join(missing)}")

        # A fresh environment, as a PyPI user gets: the wheel and its declared dependencies only.
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        python = env_dir / "bin" / "python"
        run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)

        # A minimal project, as the README tells users to set one up: check, migrate, render.
        (Path(tmp) / "project_settings.py").write_text(PROJECT_SETTINGS)
        (Path(tmp) / "project_urls.py").write_text(PROJECT_URLS)
        env = {
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": tmp,
            "DJANGO_SETTINGS_MODULE": "project_settings",
        }
        django_admin = env_dir / "bin" / "django-admin"
        run(django_admin, "check", "--fail-level", "WARNING", cwd=tmp, env=env)
        run(django_admin, "migrate", "--verbosity", "0", cwd=tmp, env=env)
        run(python, "-c", RENDER, cwd=tmp, env=env)
    print("package check passed")


if __name__ == "__main__":
    main()
