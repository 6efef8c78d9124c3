"""Named set-ups for the browser tests, applied inside the test server's own process.

The browser tests drive a real server process (see ``tests/browser/conftest.py``); they prepare its
database by POSTing to ``/__scenario__/<name>/``, which exists only when the server runs with
``WAGTAIL_TRACKING_TEST_SCENARIOS=1``. Add a function here, decorated with ``@scenario``, for each
situation a browser test needs.
"""

import json

from django.http import HttpResponseNotFound, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page, Site

from tests.testapp.models import ContentPage


SCENARIOS = {}


def scenario(function):
    SCENARIOS[function.__name__] = function
    return function


@scenario
def home(request, *, hostname="127.0.0.1", port=80, title="Home"):
    """One site whose root is a published content page, on the test server's host and port."""
    root = Page.get_first_root_node()
    home_page = ContentPage.objects.filter(slug="browser-home").first()
    if home_page is None:
        home_page = root.add_child(instance=ContentPage(title=title, slug="browser-home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": port, "root_page": home_page, "site_name": "Main"},
    )
    return {"page_id": home_page.pk}


@scenario
def backoffice_activity(request, *, days=28):
    """A superuser ("admin" / "password"), three editors and a month of varied activity events."""
    import datetime
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from wagtail_tracking.models import ActivityEvent

    User = get_user_model()
    admin = User.objects.filter(username="admin").first() or User.objects.create_superuser(
        "admin", "admin@example.com", "password"
    )
    editors = [
        User.objects.get_or_create(username=name, defaults={"email": f"{name}@example.com"})[0]
        for name in ("alice", "bob", "chloe")
    ]
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    home_page_id = home(request)["page_id"]
    page_type_id = Page.objects.get(pk=home_page_id).content_type_id
    user_type_id = ContentType.objects.get_for_model(User).pk
    ActivityEvent.objects.all().delete()
    rng = random.Random(6)
    kinds = [
        ("page", "wagtail.edit"),
        ("page", "wagtail.publish"),
        ("page", "wagtail.create"),
        ("snippet", "wagtail.edit"),
        ("image", "wagtail.create"),
        ("document", "wagtail.create"),
        ("user", "wagtail.edit"),
        ("page", "wagtail.unpublish"),
        ("page", "wagtail.move"),
    ]
    now = timezone.now()
    events = []
    for day in range(days):
        for _ in range(
            rng.randint(2, 14)
            if (now - datetime.timedelta(days=day)).weekday() < 5
            else rng.randint(0, 3)
        ):
            user = rng.choice([admin, *editors])
            object_type, action = rng.choice(kinds)
            moment = now - datetime.timedelta(days=day, minutes=rng.randint(0, 600))
            object_id = str(home_page_id if object_type == "page" else rng.randint(1, 6))
            events.append(
                ActivityEvent(
                    timestamp=moment,
                    last_timestamp=moment,
                    user_id=user.pk,
                    user_name=user.get_username(),
                    object_type=object_type,
                    object_id=object_id,
                    object_title=f"{object_type.title()} {object_id}",
                    # Pages and users as the capture records them: with their content type.
                    content_type_id={"page": page_type_id, "user": user_type_id}.get(object_type),
                    page_id=home_page_id if object_type == "page" else None,
                    action=action,
                    source="admin",
                    diff={"changed": {"title": ["Draft", "Final"]}}
                    if action == "wagtail.edit"
                    else None,
                )
            )
    ActivityEvent.objects.bulk_create(events)
    return {"events": len(events)}


@scenario
def admin_language(request, *, language=""):
    """The admin interface language of the "admin" user ("" for the site's default)."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.preferred_language = language
    profile.save()


@csrf_exempt
def apply_scenario(request, name):
    if request.method != "POST" or name not in SCENARIOS:
        return HttpResponseNotFound()
    params = json.loads(request.body or b"{}")
    return JsonResponse(SCENARIOS[name](request, **params) or {})


@scenario
def trackers(request, *, fields=None, files=None, banner=None):
    """Replace the default site's tracker and banner settings (``fields``: values by the admin
    form's field names, e.g. ``ga4_measurement_id``).

    ``files`` maps script fields to the text of an uploaded vendor script. Every provider not named
    is switched off, so each test starts from a known set of trackers.
    """
    from django.core.files.base import ContentFile

    from tests.providers.utils import apply_settings
    from wagtail_tracking.models import ConsentBannerSettings, TrackingProviderSettings

    site = Site.objects.get(is_default_site=True)
    TrackingProviderSettings.objects.filter(site=site).delete()
    ConsentBannerSettings.objects.filter(site=site).delete()
    scripts = {
        name: ContentFile(text.encode(), name=f"{name}.js") for name, text in (files or {}).items()
    }
    settings = apply_settings(TrackingProviderSettings(site=site), {**(fields or {}), **scripts})
    settings.save()  # the scripts are hashed on save
    ConsentBannerSettings.objects.create(site=site, **(banner or {}))
    return {"site_id": site.pk}


@scenario
def cookie_policy(request):
    """A page whose template renders the cookie table and the consent link."""
    from tests.testapp.models import ContentPage

    site = Site.objects.get(is_default_site=True)
    policy = ContentPage.objects.filter(slug="cookies").first()
    if policy is None:
        policy = site.root_page.add_child(instance=ContentPage(title="Cookies", slug="cookies"))
    return {"url": policy.url_path}


@scenario
def page_without_consent_link(request):
    """A page whose template leaves out {% tracking_consent_link %} (the test template's rule)."""
    site = Site.objects.get(is_default_site=True)
    page = ContentPage.objects.filter(slug="no-consent-link").first()
    if page is None:
        page = site.root_page.add_child(
            instance=ContentPage(title="No link", slug="no-consent-link")
        )
    return {"url": page.url_path}


@scenario
def usage_panels(request):
    """A superuser ("admin" / "password"), the home page and a document, each with 30 days of
    counts: 2 views or downloads a day, plus 1 by admin users every other day."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.documents import get_document_model

    from wagtail_tracking.usage.models import Audience, UsageCount

    User = get_user_model()
    User.objects.filter(username="admin").exists() or User.objects.create_superuser(
        "admin", "admin@example.com", "password"
    )
    page_id = home(request)["page_id"]
    Document = get_document_model()
    document = Document.objects.filter(title="Panel report").first()
    if document is None:
        document = Document(title="Panel report")
        document.file.save("panel-report.txt", ContentFile(b"x"), save=False)
        document.save()
    site = Site.objects.get(is_default_site=True)
    UsageCount.objects.filter(object_id__in=[page_id, document.pk]).delete()
    today = timezone.localdate()
    rows = []
    for kind, object_id in (("page", page_id), ("document", document.pk)):
        for day in range(30):
            common = {"day": today - datetime.timedelta(days=day), "site": site, "kind": kind}
            rows.append(
                UsageCount(**common, object_id=object_id, audience=Audience.ANONYMOUS, count=2)
            )
            if day % 2 == 0:
                rows.append(
                    UsageCount(**common, object_id=object_id, audience=Audience.ADMIN, count=1)
                )
    UsageCount.objects.bulk_create(rows)
    return {"page_id": page_id, "document_id": document.pk, "total": 75}


@scenario
def admin_theme(request, *, theme="system"):
    """The admin colour theme of the "admin" user: "light", "dark" or "system"."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.theme = theme
    profile.save()


@scenario
def accessibility_ids(request):
    """The ids the accessibility tour needs: a user, an object and an event with a change."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from wagtail.documents import get_document_model

    from wagtail_tracking.models import ActivityEvent

    event = ActivityEvent.objects.exclude(diff=None).order_by("-timestamp").first()
    page_type = ContentType.objects.get_for_model(Page)
    home_page = Page.objects.get(slug="browser-home")
    return {
        "user_id": get_user_model().objects.get(username="alice").pk,
        "event_id": event.pk,
        "page_content_type_id": page_type.pk,
        "page_id": home_page.pk,
        "site_id": Site.objects.get(is_default_site=True).pk,
        "document_id": get_document_model().objects.get(title="Panel report").pk,
    }


@scenario
def consent_insights(request, *, reset=False):
    """The consent counters and receipts stored so far (``reset``: delete them first)."""
    from wagtail_tracking.consent.insights.sites import forget_sites
    from wagtail_tracking.consent.insights.versions import forget_versions
    from wagtail_tracking.models import ConsentCount, ConsentReceipt

    if reset:
        ConsentReceipt.objects.all().delete()
        ConsentCount.objects.all().delete()
        forget_versions()
        forget_sites()
    counts = {f"{c.event}:{c.tool}".rstrip(":"): c.count for c in ConsentCount.objects.all()}
    receipts = [
        {"id": r.receipt_id, "action": r.action, "choices": r.choices, "changed": r.changed}
        for r in ConsentReceipt.objects.order_by("pk")
    ]
    return {"counts": counts, "receipts": receipts}


@scenario
def multilingual(request, *, enabled=True):
    """Wagtail's i18n with English and French content (``enabled=False`` switches it off): set
    in the server's process, as ``override_settings`` would, for the banner's wordings."""
    from django.conf import settings
    from django.core.signals import setting_changed
    from wagtail.models import Locale

    values = {
        "WAGTAIL_I18N_ENABLED": enabled,
        "WAGTAIL_CONTENT_LANGUAGES": [("en", "English"), ("fr", "French")],
    }
    for name, value in values.items():
        setattr(settings, name, value)
        setting_changed.send(sender=type(settings), setting=name, value=value, enter=enabled)
    if enabled:
        Locale.objects.get_or_create(language_code="fr")
