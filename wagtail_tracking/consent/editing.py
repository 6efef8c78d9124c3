"""The banner settings screen: its form, the per-locale wordings panel and the live preview.

The preview renders the banner, so the screen is put together here, above the models and the
banner, and attached to the settings model when the app is ready.

The wordings panel appears only on a multilingual site (Wagtail i18n with several content
languages); on any other site its formset is left out of the form, so the screen is the single
wording it always was and saving never touches the wordings stored earlier.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, Panel
from wagtail.models import Locale

from .banner import preview_markup
from .models import ConsentBannerSettings
from .wording import TEXT_FIELDS, default_texts, is_multilingual


WORDINGS = "wordings"
PREVIEW_STYLESHEETS = (
    "wagtail_tracking/css/consent.css",
    "wagtail_tracking/css/consent-preview.css",
)


def show_placeholders(form: forms.BaseForm, texts: dict[str, str]) -> None:
    """Each empty text field shows, greyed, the text the banner uses instead."""
    for name in TEXT_FIELDS:
        field = form.fields.get(name)
        if field is not None:
            field.widget.attrs["placeholder"] = texts[name]


class ConsentBannerForm(WagtailAdminModelForm):
    """The site's banner settings; the per-locale wordings only on a multilingual site."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not is_multilingual():
            self.formsets.pop(WORDINGS, None)
        show_placeholders(self, default_texts())


class WordingForm(WagtailAdminModelForm):
    """One locale's wording: its empty fields show the site's wording or the locale's default."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        texts = default_texts()  # in the editor's language, until the row has a locale
        if self.instance.locale_id:
            with translation.override(self.instance.locale.language_code):
                texts = default_texts()
        parent = getattr(self.instance, "settings", None) if self.instance.settings_id else None
        if parent is not None:
            texts.update({k: v for k in TEXT_FIELDS if (v := getattr(parent, k, "").strip())})
        show_placeholders(self, texts)


class WordingFormSet(BaseChildFormSet):
    def get_unique_error_message(self, unique_check: Any) -> str:
        return str(_("Each language can have only one wording: remove the repeated one."))


class WordingsPanel(InlinePanel):
    """Wagtail's InlinePanel, shown only when the form has the wordings (multilingual sites)."""

    def get_form_options(self) -> dict[str, Any]:
        options: dict[str, Any] = super().get_form_options()
        options["formsets"][self.relation_name].update(form=WordingForm, formset=WordingFormSet)
        return options

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs: Any) -> None:
            form = kwargs.get("form")
            self.absent = form is not None and kwargs["panel"].relation_name not in form.formsets
            if self.absent:
                kwargs["form"] = None
            super().__init__(**kwargs)

        def is_shown(self) -> bool:
            return not self.absent and bool(super().is_shown())


def locale_defaults() -> dict[str, dict[str, str]]:
    """The built-in defaults in each locale's language, by locale id (a language's wording
    falls back to them)."""
    found = {}
    for locale in Locale.objects.all():
        with translation.override(locale.language_code):
            found[str(locale.pk)] = default_texts()
    return found


class BannerPreviewPanel(Panel):
    """The banner as visitors see it, redrawn as the editor types (``banner-preview.js``)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_tracking/consent/admin/banner_preview.html"

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context: dict[str, Any] = super().get_context_data(parent_context)
            markup, asking = preview_markup(self.instance)
            multilingual = is_multilingual()
            context.update(
                markup=markup,
                asks=asking,
                multilingual=multilingual,
                locale_defaults=json.dumps(locale_defaults() if multilingual else {}),
                defaults=json.dumps(default_texts()),
                stylesheets=json.dumps([static(path) for path in PREVIEW_STYLESHEETS]),
            )
            return context

        class Media:
            js = ["wagtail_tracking/js/banner-preview.js"]


def build_edit_handler() -> ObjectList:
    return ObjectList(
        [
            FieldPanel("show_banner"),
            FieldPanel("honour_do_not_track"),
            MultiFieldPanel(
                [FieldPanel(name) for name in TEXT_FIELDS],
                heading=_("Wording"),
            ),
            BannerPreviewPanel(heading=pgettext_lazy("consent banner", "Preview")),
            WordingsPanel(
                WORDINGS,
                heading=_("Wording by language"),
                label=_("Wording"),
                help_text=_(
                    "One wording per language of the site. An empty field uses the wording "
                    "above, then the translated default."
                ),
            ),
            MultiFieldPanel(
                [FieldPanel("policy_page"), FieldPanel("policy_url")],
                heading=_("Cookie policy"),
            ),
        ],
        base_form_class=ConsentBannerForm,
    )


def attach_settings_edit_handler() -> None:
    """Give ``ConsentBannerSettings`` its screen (called from ``apps.ready()``)."""
    ConsentBannerSettings.edit_handler = build_edit_handler()
