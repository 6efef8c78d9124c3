"""Settings › Tracking at a glance: which trackers are on for this site, in which consent mode,
and what is wrong, on the first tab, so editors need not open each tracker's tab to know.

Also the pieces of each tracker's tab that are about the screen rather than a value: the tab
itself (its anchor is the provider's slug, the same in every language, so the summary links to
it) and the warning shown when Google Consent Mode v2 is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel

from wagtail_tracking.conf import tracking_settings

from . import get_providers, is_provider_allowed, is_provider_locked
from .base import BaseProvider, ConsentMode


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


#: The settings screen's stylesheet (tabs that wrap, the summary table, the mode warning).
SETTINGS_MEDIA = forms.Media(css={"all": ["wagtail_tracking/css/settings.css"]})


class ProviderTab(ObjectList):
    """A tracker's tab, whose anchor (``#tab-<slug>``) does not change with the language."""

    def __init__(self, *args: Any, slug: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slug = slug

    def clone_kwargs(self) -> dict[str, Any]:
        return {**super().clone_kwargs(), "slug": self.slug}

    @property
    def clean_name(self) -> str:
        return self.slug or str(super().clean_name)


@dataclass
class TrackerStatus:
    """One line of the summary: a tracker, whether it runs on this site, how, what is wrong."""

    slug: str
    name: StrOrPromise
    enabled: bool
    mode: StrOrPromise
    problems: list[StrOrPromise] = field(default_factory=list)
    notes: list[StrOrPromise] = field(default_factory=list)


def tracker_status(provider: BaseProvider, settings: Any) -> TrackerStatus:
    """What the summary says of ``provider`` for the site of ``settings`` (as saved)."""
    state = settings.provider_state(provider)
    mode = ConsentMode(state.consent_mode) if state.consent_mode in ConsentMode else None
    status = TrackerStatus(
        provider.slug,
        provider.name,
        state.enabled,
        mode.label if mode else _("not set"),
    )
    if state.enabled:
        try:
            provider.clean_state(state)
        except ValidationError as error:
            labels = {declared.name: capfirst(declared.label) for declared in provider.fields}
            labels["consent_mode"] = _("Visitor consent")
            status.problems.extend(
                format_lazy("{}: {}", labels.get(name, name), errors[0].messages[0])
                for name, errors in error.error_dict.items()
            )
        if mode == ConsentMode.CONSENT_MODE:
            status.notes.append(CONSENT_MODE_WARNING)
    if not is_provider_allowed(provider.slug):
        status.problems.append(
            _("Switched off by the developers in this environment: nothing is emitted.")
        )
    if is_provider_locked(provider.slug):
        status.notes.append(_("Locked by the developers: shown read-only."))
    return status


CONSENT_MODE_WARNING = _(
    "With Google Consent Mode v2, Google's script is loaded and contacted on every page before "
    "the visitor chooses (cookieless pings with the consent signals denied). Some public bodies "
    "must avoid this: choose “Consent required” to load nothing before the visitor agrees."
)


class TrackingSummaryPanel(Panel):
    """The first tab: every tracker's status for this site, each linking to its own tab."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_tracking/providers/summary_panel.html"

        @property
        def media(self) -> forms.Media:
            return SETTINGS_MEDIA

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context: dict[str, Any] = super().get_context_data(parent_context)
            # As saved: after a refused submission the form's instance holds refused values.
            model = type(self.instance)
            saved = model.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
            settings = saved or model(site=self.instance.site)
            statuses = [tracker_status(p, settings) for p in get_providers().values()]
            context["statuses"] = statuses
            context["enabled_count"] = sum(status.enabled for status in statuses)
            context["all_disabled"] = not tracking_settings.PROVIDERS_ENABLED
            return context


class ProviderPanel(Panel):
    """A panel about one provider: it carries the provider's slug through Wagtail's cloning."""

    def __init__(self, slug: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.slug = slug

    def clone_kwargs(self) -> dict[str, Any]:
        return {**super().clone_kwargs(), "slug": self.slug}


class ConsentModeWarningPanel(ProviderPanel):
    """Under a Google tracker's consent choices: shown (by CSS) once Consent Mode v2 is chosen."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_tracking/providers/consent_mode_warning.html"

        @property
        def media(self) -> forms.Media:
            return SETTINGS_MEDIA

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context: dict[str, Any] = super().get_context_data(parent_context)
            context["slug"] = self.panel.slug
            context["warning"] = CONSENT_MODE_WARNING
            return context
