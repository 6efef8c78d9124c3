"""The providers' share of Settings › Tracking, derived from their declarations: one tab each.

Every registered provider, built-in or from the hook, gets the same tab: where to find the values,
the enabled switch, its declared fields (those behind the upload permission only for users who
have it) and its consent modes. The form's fields are named ``<slug>_<field>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel

from wagtail_tracking.conf import tracking_settings

from . import get_providers, is_provider_allowed, is_provider_locked
from .base import BaseProvider, ConsentMode


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from .fields import ScriptFileField
from .summary import ConsentModeWarningPanel, ProviderPanel, ProviderTab


#: The permission to upload vendor scripts or point at a script address (code the site runs).
UPLOAD_PERMISSION = "wagtail_tracking.upload_tracker_scripts"


def setting_names(provider: BaseProvider) -> list[str]:
    """The names of one provider's form fields, in tab order."""
    names = ["enabled", *(declared.name for declared in provider.fields), "consent_mode"]
    return [provider.setting_name(name) for name in names]


def _enable_label(name: StrOrPromise) -> str:
    return gettext("Enable %(provider)s on this site") % {"provider": name}


#: "Enable Matomo on this site", in the language of the request that shows it.
enable_label = lazy(_enable_label, str)


def provider_form_fields(provider: BaseProvider) -> dict[str, forms.Field]:
    """The form fields of one provider's tab, by form field name, in tab order."""
    mode = forms.ChoiceField(
        label=capfirst(_("visitor consent")),
        choices=[(mode.value, mode.label) for mode in provider.consent_modes],
        initial=provider.default_consent_mode,
        # Not posted (e.g. a tab added since the page was opened): the saved mode is kept.
        required=False,
        widget=forms.RadioSelect,
    )
    return {
        provider.setting_name("enabled"): forms.BooleanField(
            label=enable_label(provider.name),
            required=False,
        ),
        **{
            provider.setting_name(declared.name): declared.form_field()
            for declared in provider.fields
        },
        provider.setting_name("consent_mode"): mode,
    }


class TrackingProviderSettingsForm(WagtailAdminModelForm):
    """Reads and writes each provider's settings; locked providers are read-only (their posted
    values are ignored). ``settings_form_class()`` declares the fields of every provider."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for slug, provider in get_providers().items():
            for name, value in self._initial(provider).items():
                self.initial.setdefault(name, value)  # an initial given to the form wins
            if is_provider_locked(slug):
                for name in setting_names(provider):
                    if name in self.fields:
                        self.fields[name].disabled = True

    def _initial(self, provider: BaseProvider) -> dict[str, Any]:
        state = self.instance.provider_state(provider)
        initial = {
            provider.setting_name("enabled"): state.enabled,
            provider.setting_name("consent_mode"): state.consent_mode,
        }
        for declared in provider.fields:
            if isinstance(declared, ScriptFileField):
                row = self.instance.script(provider.slug, declared.name)
                value = row.file if row else None
            else:
                value = state.values.get(declared.name, declared.empty)
            initial[provider.setting_name(declared.name)] = value
        return initial

    def _post_clean(self) -> None:
        # The model's clean() validates the new settings: put them on the instance first.
        for slug, provider in get_providers().items():
            if not is_provider_locked(slug):
                self._apply(provider)
        super()._post_clean()

    def _apply(self, provider: BaseProvider) -> None:
        """Put the valid posted values of ``provider`` on the instance. ``cleaned_data`` holds
        neither refused values nor fields this user may not see (the form drops those)."""
        posted = self.cleaned_data
        values = {}
        for declared in provider.fields:
            name = provider.setting_name(declared.name)
            if name not in posted:
                continue
            if not isinstance(declared, ScriptFileField):
                values[declared.name] = posted[name]
            elif posted[name] is False:  # "Clear" ticked
                self.instance.set_script(provider.slug, declared.name, None)
            elif isinstance(posted[name], File) and posted[name] is not self.initial.get(name):
                self.instance.set_script(provider.slug, declared.name, posted[name])
        self.instance.update_provider(
            provider.slug,
            enabled=posted.get(provider.setting_name("enabled")),
            # Not posted (""): the saved mode is kept.
            consent_mode=posted.get(provider.setting_name("consent_mode")) or None,
            values=values,
        )

    def _update_errors(self, errors: ValidationError) -> None:
        # One message per field: a value the form field refused keeps that message (the model
        # validated the saved value in its place), and a rule about a field this user cannot
        # see goes to the top of the form.
        if not hasattr(errors, "error_dict"):
            super()._update_errors(errors)
            return
        for name, messages in errors.error_dict.items():
            if name in self.errors:
                continue
            if name in self.fields:
                self.add_error(name, messages)
                continue
            hidden = self._hidden_upload_field(name)
            if hidden is None:
                self.add_error(None, messages)
                continue
            provider, label = hidden
            target = provider.setting_name("enabled")
            ask = _(
                "Only someone with the permission to upload tracker scripts can provide "
                "the %(field)s: ask them to, then enable %(provider)s."
            ) % {"field": label, "provider": provider.name}
            self.add_error(target if target in self.fields else None, [*messages, ask])

    def _hidden_upload_field(self, name: str) -> tuple[BaseProvider, str] | None:
        """The provider and label of ``name`` when it is a field behind the upload permission
        (hidden from this user, so its error must be said where they can act on it)."""
        for provider in get_providers().values():
            for declared in provider.fields:
                if declared.upload_permission and provider.setting_name(declared.name) == name:
                    return provider, str(declared.label)
        return None


def settings_form_class() -> type[TrackingProviderSettingsForm]:
    """The settings form with the fields of every registered provider declared."""
    declared: dict[str, Any] = {}
    for provider in get_providers().values():
        declared.update(provider_form_fields(provider))
    return type("TrackingProviderSettingsForm", (TrackingProviderSettingsForm,), declared)


class ProviderIntroPanel(ProviderPanel):
    """A tab's first lines: where to find the values, and any lock set by the developers."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_tracking/providers/intro_panel.html"

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context: dict[str, Any] = super().get_context_data(parent_context)
            slug = self.panel.slug
            introduction = get_providers()[slug].introduction
            # Rendered now, in the request's language.
            context["introduction"] = introduction.render() if introduction else ""
            context["disabled_by_developers"] = not is_provider_allowed(slug)
            context["locked"] = is_provider_locked(slug)
            context["all_disabled"] = not tracking_settings.PROVIDERS_ENABLED
            return context


def provider_tab(provider: BaseProvider) -> ObjectList:
    """Where to find the values, the switch, the declared fields, the consent mode."""
    # The switch's panel icon is the site's, not a checkbox that would look ticked when it is not.
    panels: list[Panel] = [
        ProviderIntroPanel(provider.slug),
        FieldPanel(provider.setting_name("enabled"), icon="site"),
    ]
    for declared in provider.fields:
        permission = UPLOAD_PERMISSION if declared.upload_permission else None
        panels.append(FieldPanel(provider.setting_name(declared.name), permission=permission))
    panels.append(FieldPanel(provider.setting_name("consent_mode")))
    if ConsentMode.CONSENT_MODE in provider.consent_modes:
        panels.append(ConsentModeWarningPanel(provider.slug))
    return ProviderTab(panels, heading=provider.name, slug=provider.slug)


def provider_tabs() -> list[ObjectList]:
    """One tab per registered provider, in the registry's order."""
    return [provider_tab(provider) for provider in get_providers().values()]


__all__ = [
    "UPLOAD_PERMISSION",
    "TrackingProviderSettingsForm",
    "provider_tabs",
    "settings_form_class",
]
