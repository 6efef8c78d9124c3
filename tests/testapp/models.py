"""Minimal content models the tests act on: a page type and a snippet."""

from django.db import models
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Page, RevisionMixin
from wagtail.snippets.models import register_snippet

# Imported while Django loads the models, as a site placing the panel itself does.
from wagtail_tracking.reports.panels import UsagePanel


class ContentPage(Page):
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    template = "testapp/content_page.html"


class PlacedPanelPage(Page):
    """A page type with its own editor: the site places the usage panel where it wants it."""

    edit_handler = TabbedInterface(
        [
            ObjectList(Page.content_panels, heading="Content"),
            ObjectList([UsagePanel()], heading="Audience"),
        ]
    )


@register_snippet
class Author(RevisionMixin, models.Model):
    name = models.CharField(max_length=255)
    biography = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("biography")]

    def __str__(self):
        return self.name
