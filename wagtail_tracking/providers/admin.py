"""The settings screen: one tab per built-in provider and a read-only preview of the output."""

from __future__ import annotations

import logging

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel

from wagtail_tracking.conf import tracking_settings

from . import get_providers, is_provider_allowed, is_provider_locked
from .base import ModelFieldsProvider


logger = logging.getLogger("wagtail_tracking.providers")

UPLOAD_PERMISSION = "wagtail_tracking.upload_tracker_scripts"


def _link(text, url):
    return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', url, text)


# What each tab says first: where the editor finds the values in the vendor's tool. Built on
# each render (format_html would otherwise freeze the lazy strings in the import-time language).
INTRODUCTIONS = {
    "ga4": lambda: format_html(
        "{} {}",
        _(
            "In Google Analytics: Admin › Data collection and modification › Data streams › your "
            "web stream › Measurement ID."
        ),
        _link(_("Where to find it"), "https://support.google.com/analytics/answer/12270356"),
    ),
    "ua": lambda: format_html(
        "<strong>{}</strong> {} {}",
        _("Google stopped processing Universal Analytics data on 1 July 2023."),
        _(
            "A UA tag sends hits nobody will see. Create a Google Analytics 4 property and use "
            "the Google Analytics 4 tab instead; keep this only while you migrate."
        ),
        _link(_("Google's announcement"), "https://support.google.com/analytics/answer/11583528"),
    ),
    "xiti": lambda: format_html(
        "{} {}",
        _(
            "XiTi (AT Internet) gives each site its XTSD and XTSITE codes and a generated "
            "xtcore.js file; ask your AT Internet / Piano contact if you do not have them."
        ),
        _link(_("AT Internet developers' site"), "https://developers.atinternet-solutions.com/"),
    ),
    "smarttag": lambda: format_html(
        "{} {}",
        _(
            "Export smarttag.js from Tag Composer (with the Privacy plugin for the CNIL exemption), "
            "or copy the address Tag Composer publishes it at."
        ),
        _link(
            _("SmartTag set-up"),
            "https://developers.atinternet-solutions.com/as2-tagging-en/javascript-en/"
            "getting-started-javascript-en/tracker-initialisation-javascript-en",
        ),
    ),
    "piano": lambda: format_html(
        "{} {}",
        _(
            "In Piano Analytics: Settings › Sites gives the site ID; the collection domain is in "
            "the tagging section of the same screen."
        ),
        _link(
            _("Piano Analytics set-up"),
            "https://developers.atinternet-solutions.com/piano-analytics/",
        ),
    ),
    "eulerian": lambda: format_html(
        "{} {}",
        _(
            "Eulerian gives the tracking domain when you create the tag (e.g. et1.eulerian.net). "
            "The CNIL exemption must also be activated in your Eulerian account."
        ),
        _link(_("Eulerian documentation"), "https://doc.eulerian.com/"),
    ),
    "matomo": lambda: format_html(
        "{} {}",
        _(
            "In Matomo: Administration › Websites › Manage shows each site's ID; the site URL is "
            "the address you open Matomo at. For the CNIL exemption, follow Matomo's guide."
        ),
        _link(
            _("Matomo's CNIL guide"),
            "https://matomo.org/faq/how-do-i-configure-matomo-without-tracking-consent-for-french-"
            "visitors-cnil-exemption",
        ),
    ),
    "plausible": lambda: format_html(
        "{} {}",
        _("In Plausible: Site settings › Site installation shows a script named pa-….js."),
        _link(_("Plausible script"), "https://plausible.io/docs/plausible-script"),
    ),
    "umami": lambda: format_html(
        "{} {}",
        _("In Umami: Settings › Websites › Edit shows the website ID."),
        _link(_("Umami tracking code"), "https://umami.is/docs/collect-data"),
    ),
}


class ProviderIntroPanel(Panel):
    """A tab's first lines: where to find the values, and any lock set by the developers."""

    def __init__(self, slug: str, **kwargs):
        super().__init__(**kwargs)
        self.slug = slug

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "slug": self.slug}

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_tracking/panels/provider_intro.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            slug = self.panel.slug
            introduction = INTRODUCTIONS.get(slug)
            context["introduction"] = introduction() if introduction else ""
            context["disabled_by_developers"] = not is_provider_allowed(slug)
            context["locked"] = is_provider_locked(slug)
            context["all_disabled"] = not tracking_settings.PROVIDERS_ENABLED
            return context


class TrackingProviderSettingsForm(WagtailAdminModelForm):
    """Makes providers locked by the developers read-only: their posted values are ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for slug in get_providers():
            if is_provider_locked(slug):
                for name, field in self.fields.items():
                    if name.startswith(f"{slug}_"):
                        field.disabled = True


# The fields of each built-in provider, in tab order; upload fields need the upload permission.
PROVIDER_FIELDS = {
    "ga4": ["measurement_id"],
    "ua": ["tracking_id"],
    "xiti": ["xtsd", "xtsite", "level2", "page_root", "script"],
    "smarttag": ["script", "script_url", "site_id", "level2"],
    "piano": ["site_id", "collect_domain"],
    "eulerian": ["domain", "script"],
    "matomo": ["url", "site_id", "disable_cookies", "container_id"],
    "plausible": ["script_id"],
    "umami": ["website_id"],
}
PERMISSION_FIELDS = {"script", "script_url"}


def _field_panel(slug: str, name: str) -> FieldPanel:
    permission = UPLOAD_PERMISSION if name in PERMISSION_FIELDS else None
    return FieldPanel(f"{slug}_{name}", permission=permission)


def provider_tabs() -> list[ObjectList]:
    """One tab per provider: where to find the values, the switch, the fields, the consent mode."""
    tabs = []
    for slug, provider in get_providers().items():
        if not isinstance(provider, ModelFieldsProvider) or slug not in PROVIDER_FIELDS:
            continue
        tabs.append(
            ObjectList(
                [
                    ProviderIntroPanel(slug),
                    FieldPanel(f"{slug}_enabled"),
                    *(_field_panel(slug, name) for name in PROVIDER_FIELDS[slug]),
                    FieldPanel(f"{slug}_consent_mode", widget=forms.RadioSelect),
                ],
                heading=provider.name,
            )
        )
    return tabs
