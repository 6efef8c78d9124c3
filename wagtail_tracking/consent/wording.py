"""The banner's texts: the built-in defaults, and whether editors give one wording per locale.

Kept apart from the models and the admin forms so that both (and ``banner``) read the same
defaults without importing each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


#: The banner's texts an editor may reword, each with its built-in (translated) default.
DEFAULT_TEXTS: dict[str, StrOrPromise] = {
    "title": _("Your privacy"),
    "text": _(
        "We use audience measurement tools to improve this site. Some need your consent; "
        "you can accept, refuse, or choose tool by tool, and change your mind at any time."
    ),
    "accept_label": _("Accept all"),
    "refuse_label": _("Refuse all"),
    "customise_label": pgettext_lazy("consent banner", "Choose"),
    "save_label": _("Save my choices"),
}
TEXT_FIELDS = tuple(DEFAULT_TEXTS)


def is_multilingual() -> bool:
    """Wagtail's i18n is on with more than one content language: one wording per locale."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return False
    return len(get_content_languages()) > 1


def active_content_language() -> str | None:
    """The content language (a Locale's ``language_code``) of the active language, if any."""
    try:
        code = get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return None
    return str(code)


def default_texts() -> dict[str, str]:
    """The built-in defaults in the active language."""
    return {key: str(value) for key, value in DEFAULT_TEXTS.items()}


def active_wording(banner_settings: Any) -> Any | None:
    """The site's wording row for the active language, on a multilingual site."""
    if not is_multilingual() or banner_settings.pk is None:
        return None
    code = active_content_language()
    if code is None:
        return None
    return banner_settings.wordings.filter(locale__language_code=code).first()


def resolved_texts(banner_settings: Any) -> dict[str, str]:
    """Each text of the banner in the active language: the locale's wording, else the site's
    default wording, else the built-in translated default."""
    sources = [active_wording(banner_settings), banner_settings]
    texts = default_texts()
    for key in TEXT_FIELDS:
        for source in sources:
            value = (getattr(source, key, "") or "").strip() if source is not None else ""
            if value:
                texts[key] = value
                break
    return texts
