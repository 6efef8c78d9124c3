"""The sandbox's content: a home page, articles, and an author snippet."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD


class HomePage(Page):
    intro = models.CharField(max_length=255, blank=True)
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body")]
    subpage_types = ["home.ArticlePage", "home.CookiePolicyPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = ArticlePage.objects.child_of(self).live().order_by("-date")
        context["demo_accounts"] = DEMO_ACCOUNTS
        context["demo_password"] = DEMO_PASSWORD
        return context


class CookiePolicyPage(Page):
    """The site's cookie policy: its text, then the table of the trackers in use
    (``{% tracking_cookie_table %}``) and the link that reopens the consent banner."""

    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []


class ArticlePage(Page):
    date = models.DateField("Post date")
    intro = models.CharField(max_length=255, blank=True)
    body = RichTextField(blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        "home.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("document"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("date"), APIField("intro"), APIField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []


@register_snippet
class Author(DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A snippet with drafts, revisions and locking, so every snippet action can be tried."""

    name = models.CharField(max_length=255)
    role = models.CharField(max_length=255, blank=True)
    biography = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("biography")]

    def __str__(self):
        return self.name
