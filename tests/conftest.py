"""Fixtures shared by the whole suite: sites, pages and users as an editor would have them."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Page, Site

from tests.providers.utils import save_settings
from tests.testapp.models import ContentPage


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def home_page(root_page):
    """A content page served as the default site's root (hostname ``localhost``)."""
    home = root_page.add_child(instance=ContentPage(title="Home", slug="home-test"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Main"},
    )
    return home


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def configure(site):
    """Save tracker settings for the default site by form field name (``ga4_enabled``…),
    validated as the admin form would."""

    def configure(target_site=None, **fields):
        return save_settings(target_site or site, fields)

    return configure


@pytest.fixture
def other_site(root_page):
    """A second site on another hostname, for per-site behaviour."""
    other_home = root_page.add_child(instance=ContentPage(title="Other home", slug="other-home"))
    return Site.objects.create(
        hostname="other.example", port=80, root_page=other_home, site_name="Other"
    )


@pytest.fixture
def editor(django_user_model):
    """A Wagtail editor: admin access, no superuser rights, no analytics permission."""
    user = django_user_model.objects.create_user(
        username="editor", email="editor@example.com", password="password"
    )
    editors = Group.objects.get(name="Editors")
    user.groups.add(editors)
    return user


@pytest.fixture
def analyst(django_user_model):
    """A Wagtail user allowed into the admin and the Analytics menu, nothing more."""
    user = django_user_model.objects.create_user(
        username="analyst", email="analyst@example.com", password="password"
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="wagtail_tracking", codename="browse_analytics"
        ),
    )
    return user


@pytest.fixture(scope="session", autouse=True)
def restore_migrated_data(django_db_blocker):
    """Put the migrations' rows (Wagtail's root page, default site…) back at the end of a
    session whose transactional tests flushed every table, so that the next run on the reused
    test database (``--reuse-db``) still finds them."""
    from django.db import connections

    # Tests marked serialized_rollback=True start from the migrated rows that pytest-django
    # serialised at setup, and their flush skips post_migrate, leaving the tables empty.
    yield
    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if not contents:  # no test database was set up with serialised rows: nothing to restore
        return
    with django_db_blocker.unblock():
        from wagtail.models import Page

        if not Page.objects.exists():
            # Later tests may have recreated some rows (content types): start from empty tables,
            # as Django's own serialized rollback does, so that every migrated row fits back.
            from django.core.management import call_command

            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            connection.creation.deserialize_db_from_string(contents)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run browser tests last: Playwright's event loop stays in the main thread once started,
    which changes how Django scopes database connections for every test after it."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
