"""Helpers for driving the admin like an editor and reading the events it leaves."""

import inspect

import pytest
from django.urls import reverse
from wagtail.models import RevisionMixin
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


# Autosave (saving over the draft revision) is new in Wagtail 7.3.
AUTOSAVE = "overwrite_revision" in inspect.signature(RevisionMixin.save_revision).parameters
requires_autosave = pytest.mark.skipif(not AUTOSAVE, reason="autosave is new in Wagtail 7.3")


def only_event(events, **expected):
    """Assert there is exactly one event and that it has the expected field values."""
    assert len(events) == 1, [(e.action, e.object_type, e.object_id) for e in events]
    [event] = events
    actual = {name: getattr(event, name) for name in expected}
    assert actual == expected
    return event


def page_form(page, **changes):
    """The edit form of a ContentPage as the admin posts it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "body": rich_text(page.body or "<p></p>"),
        "comments": inline_formset([]),
    }
    if "body" in changes:
        changes["body"] = rich_text(changes["body"])
    data.update(changes)
    return nested_form_data(data)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])
