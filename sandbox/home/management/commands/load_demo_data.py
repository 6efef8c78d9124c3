"""Fill the sandbox with believable demo content. Safe to run again: it only adds what is missing."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from home.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from home.demo_activity import load_activity_history
from home.models import ArticlePage, Author, CookiePolicyPage, HomePage
from wagtail_tracking.activity import disable_activity_capture
from wagtail_tracking.consent.insights.demo import fill_demo_consent
from wagtail_tracking.models import ConsentBannerSettings, TrackingProviderSettings
from wagtail_tracking.usage.demo import fill_demo_usage


MAIN_ARTICLES = [
    ("Opening hours for the summer", "The town hall changes its opening hours from July."),
    ("New cycling lanes on the river bank", "Four kilometres of protected lanes open this spring."),
    ("Public consultation on the city plan", "Tell us what you think before 30 September."),
    ("Open data: budget 2026 published", "Every line of the budget, downloadable as CSV."),
]
SECOND_ARTICLES = [
    ("Welcome to the second site", "A separate site with its own tracking settings."),
    ("Events this month", "Concerts, markets and guided tours."),
]
AUTHORS = [
    ("Camille Martin", "Communication officer"),
    ("Louis Bernard", "Open data lead"),
    ("Inès Moreau", "Web editor"),
]
USERS = [
    # username, first name, last name, group
    ("editor", "Emma", "Editor", "Editors"),
    ("moderator", "Marc", "Moderator", "Moderators"),
    ("analyst", "Alice", "Analyst", None),
]


class Command(BaseCommand):
    help = "Load the sandbox's demo content, sites and accounts (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        # The demo history (load_activity_history) tells how these objects came to be, by the
        # team, 90 days ago: their creation now by this script is not an action to record.
        with disable_activity_capture():
            admin_created = self.create_content()

        # activity: 90 days of back-office history for the reports (idempotent).
        load_activity_history(self.stdout)

        # usage: 90 days of plausible page views, downloads and API calls (idempotent).
        fill_demo_usage(days=90)

        # consent insights: 90 days of banner answers and a few receipts per day (idempotent).
        fill_demo_consent(days=90)

        # alerts and the weekly digest: the admin asked for both (shown by the console backend).
        self.subscribe_admin()

        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write("  Main site:   http://127.0.0.1:8000/")
        self.stdout.write("  Second site: http://localhost:8000/")
        self.stdout.write(
            f"  Admin:       http://127.0.0.1:8000/admin/  login admin / {DEMO_PASSWORD}"
        )
        self.stdout.write(f"  Accounts (password {DEMO_PASSWORD}):")
        for username, scope in DEMO_ACCOUNTS:
            self.stdout.write(f"    {username:<10} {scope}")
        if not admin_created:
            self.stdout.write("  (existing accounts were kept as they were)")

    def create_content(self) -> bool:
        """Accounts, snippets, media, sites and pages; True when the admin account is new."""
        admin_created = self.create_users()
        authors = [self.get_or_create_author(name, role) for name, role in AUTHORS]
        images = [self.get_or_create_image(title, colour) for title, colour in IMAGES]
        documents = [self.get_or_create_document(*spec) for spec in DOCUMENTS]

        main_home = self.get_or_create_home(
            slug="sandbox-home",
            title="Welcome to the sandbox",
            intro="A small site that shows wagtail-tracking at work.",
        )
        self.point_site(main_home, hostname="127.0.0.1", name="Main site", default=True)
        self.remove_wagtail_welcome_page()
        for index, (title, intro) in enumerate(MAIN_ARTICLES):
            self.get_or_create_article(
                main_home,
                title,
                intro,
                days_ago=3 + 9 * index,
                author=authors[index % len(authors)],
                image=images[index % len(images)],
                document=documents[index % len(documents)],
            )

        policy = self.get_or_create_cookie_policy(main_home)
        self.configure_demo_tracker(Site.objects.get(is_default_site=True), policy)

        second_home = self.get_or_create_home(
            slug="second-home",
            title="Second site",
            intro="Per-site settings: configure trackers here independently of the main site.",
        )
        self.point_site(second_home, hostname="localhost", name="Second site", default=False)
        for index, (title, intro) in enumerate(SECOND_ARTICLES):
            self.get_or_create_article(
                second_home, title, intro, days_ago=5 + 7 * index, author=authors[-1]
            )
        return admin_created

    def get_or_create_cookie_policy(self, home):
        policy = CookiePolicyPage.objects.child_of(home).first()
        if policy is None:
            policy = home.add_child(
                instance=CookiePolicyPage(
                    title="Cookie policy",
                    slug="cookies",
                    body="<p>This demo site measures its audience with a demo tracker that "
                    "counts into the sandbox itself. The table below lists what it stores.</p>",
                )
            )
            policy.save_revision().publish()
        return policy

    def configure_demo_tracker(self, site, policy):
        """The demo tracker on, behind the consent banner, unless the site was configured."""
        if not TrackingProviderSettings.objects.filter(site=site).exists():
            settings = TrackingProviderSettings(site=site)
            settings.update_provider("demo_stats", enabled=True, consent_mode="require")
            settings.save()
        banner, _created = ConsentBannerSettings.objects.get_or_create(site=site)
        if not banner.policy_url:
            banner.policy_url = policy.relative_url(site)
            banner.save()

    def create_users(self):
        User = get_user_model()
        admin, admin_created = User.objects.get_or_create(
            username="admin",
            defaults={
                "email": "admin@example.com",
                "first_name": "Ada",
                "last_name": "Admin",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        if admin_created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        for username, first_name, last_name, group_name in USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@example.com",
                    "first_name": first_name,
                    "last_name": last_name,
                },
            )
            if not created:
                continue
            user.set_password(DEMO_PASSWORD)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            else:
                user.user_permissions.add(
                    Permission.objects.get(
                        content_type__app_label="wagtailadmin", codename="access_admin"
                    ),
                    Permission.objects.get(
                        content_type__app_label="wagtail_tracking", codename="browse_analytics"
                    ),
                )
        return admin_created

    def subscribe_admin(self):
        from wagtail_tracking.alerts.models import NotificationPreference

        admin = get_user_model().objects.get(username="admin")
        NotificationPreference.objects.update_or_create(
            user=admin, defaults={"alert_emails": True, "weekly_digest": True}
        )

    def get_or_create_author(self, name, role):
        author = Author.objects.filter(name=name).first()
        if author is None:
            author = Author(name=name, role=role, biography=f"{name} writes for the sandbox.")
            author.save()
            author.save_revision().publish()
        return author

    def get_or_create_image(self, title, colour):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            picture = PILImage.new("RGB", (960, 540), colour)
            ImageDraw.Draw(picture).text((40, 40), title, fill="white")
            buffer = io.BytesIO()
            picture.save(buffer, format="PNG")
            filename = title.lower().replace(" ", "-") + ".png"
            image = Image(title=title, file=ContentFile(buffer.getvalue(), name=filename))
            image.save()
        return image

    def get_or_create_document(self, title, filename, content):
        Document = get_document_model()
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title, file=ContentFile(content, name=filename))
            document.save()
        return document

    def get_or_create_home(self, *, slug, title, intro):
        home = HomePage.objects.filter(slug=slug).first()
        if home is None:
            home = Page.get_first_root_node().add_child(
                instance=HomePage(title=title, slug=slug, intro=intro)
            )
            home.save_revision().publish()
        return home

    def point_site(self, root_page, *, hostname, name, default):
        site = Site.objects.filter(is_default_site=True).first() if default else None
        site = site or Site.objects.filter(hostname=hostname, port=8000).first() or Site()
        site.hostname = hostname
        site.port = 8000
        site.site_name = name
        site.root_page = root_page
        site.is_default_site = default
        site.save()

    def remove_wagtail_welcome_page(self):
        """Delete the placeholder page Wagtail's migrations create, once no site uses it."""
        for page in Page.objects.filter(depth=2, slug="home", content_type__model="page"):
            if not page.sites_rooted_here.exists():
                page.delete()

    def get_or_create_article(self, parent, title, intro, *, days_ago, author, **media):
        if ArticlePage.objects.child_of(parent).filter(title=title).exists():
            return
        article = parent.add_child(
            instance=ArticlePage(
                title=title,
                intro=intro,
                date=datetime.date.today() - datetime.timedelta(days=days_ago),
                body=f"<p>{intro}</p><p>This is demo content for the wagtail-tracking sandbox.</p>",
                author=author,
                **media,
            )
        )
        article.save_revision().publish()


IMAGES = [
    ("River bank", "#1f6f8b"),
    ("Town hall", "#8b1f4f"),
    ("Market square", "#4f8b1f"),
]

# A minimal valid one-page PDF, so that downloads open in a browser.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 44>>stream\nBT /F1 18 Tf 20 70 Td (Summer opening hours) Tj ET\nendstream\nendobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
DOCUMENTS = [
    ("Summer opening hours", "opening-hours.pdf", _PDF),
    (
        "Budget 2026",
        "budget-2026.csv",
        b"department,amount_eur\nschools,1250000\nroads,830000\nculture,410000\n",
    ),
]
