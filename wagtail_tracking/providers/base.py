"""What every tracker provider is: declarations about its vendor, and how it builds its emission.

A provider class declares everything about its vendor: the values editors give it
(:mod:`~wagtail_tracking.providers.fields`), its consent modes, where editors find the values,
its cookies and hosts. The settings screen, the validation on save and on render, the preview,
the cookie table and the system checks are derived from those declarations, so a built-in vendor
and one registered by another package through the ``register_wagtail_tracking_providers`` hook
take the same path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .elements import Emission
from .fields import ProviderField


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
    from wagtail.models import Site


class ConsentMode(models.TextChoices):
    NONE = "none", _("No consent needed: loads on every page")
    REQUIRE = "require", _("Consent required: nothing loads before the visitor agrees")
    EXEMPT = "exempt", _("CNIL exemption: measures without consent, visitors can object")
    CONSENT_MODE = (
        "consent_mode",
        _("Google Consent Mode v2: loads with all four signals denied, updated on consent"),
    )


class ProviderMisconfigured(Exception):
    """A provider is switched on but its stored settings cannot produce a correct tag."""


@dataclass(frozen=True)
class Cookie:
    """A cookie the tool sets (a name ending in ``*`` is a prefix), with its default lifetime as
    the vendor documents it; ``None`` shows "set by the vendor" in the cookie table."""

    name: str
    lifetime: StrOrPromise | None = None


@dataclass(frozen=True)
class Introduction:
    """What a provider's settings tab says first: where editors find the values in the vendor's
    tool, and a link to the vendor's page about it. ``warning`` comes first, in bold."""

    text: StrOrPromise
    link_text: StrOrPromise
    url: str
    warning: StrOrPromise = ""

    def render(self) -> SafeString:
        """HTML in the active language (call it per request: the strings are lazy)."""
        link = format_html(
            '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>',
            self.url,
            self.link_text,
        )
        if self.warning:
            return format_html("<strong>{}</strong> {} {}", self.warning, self.text, link)
        return format_html("{} {}", self.text, link)


@dataclass(frozen=True)
class ProviderState:
    """A provider's settings for one site, as stored: never trusted before ``clean_state()``."""

    enabled: bool = False
    consent_mode: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)


class ProviderSettings(Protocol):
    """Where a site's provider settings come from (``TrackingProviderSettings``)."""

    def provider_state(self, provider: BaseProvider) -> ProviderState: ...


class BaseProvider:
    """Subclass this to add a tracker; register it with the ``register_wagtail_tracking_providers``
    hook. Declare its values in ``fields`` and turn them into an emission in ``build()``."""

    #: Unique key: the ``WAGTAIL_TRACKING["PROVIDERS"]`` key, the JSON key and the JS adapter name.
    slug: ClassVar[str]
    #: The name editors know the tool by; the heading of its settings tab.
    name: ClassVar[StrOrPromise]
    #: What the tool is for, shown to visitors by the consent banner and the cookie table.
    purpose: ClassVar[StrOrPromise] = _("Audience measurement")
    #: The values editors give it, in the order of its settings tab.
    fields: ClassVar[tuple[ProviderField, ...]] = ()
    #: The consent modes the vendor supports, the first one being the default.
    consent_modes: ClassVar[tuple[ConsentMode, ...]] = (ConsentMode.REQUIRE, ConsentMode.NONE)
    #: Where editors find the values (the first lines of the settings tab).
    introduction: ClassVar[Introduction | None] = None
    #: Who receives the visitors' data (CNIL guidance: the cookie table names each recipient).
    recipient: ClassVar[StrOrPromise] = ""
    #: The vendor's privacy policy, linked from the cookie table.
    privacy_policy_url: ClassVar[str] = ""
    #: The cookies the tool sets, deleted on withdrawal and listed in the cookie table.
    cookies: ClassVar[tuple[Cookie, ...]] = ()
    #: Hosts the tool loads code from or sends data to (for CSP and network stubs).
    hosts: ClassVar[tuple[str, ...]] = ()
    #: Models of its own whose saves must refresh the cached output (rarely needed).
    setting_models: ClassVar[tuple[type[models.Model], ...]] = ()

    @property
    def default_consent_mode(self) -> str:
        """The first of ``consent_modes`` (none at all is reported by check E022)."""
        return self.consent_modes[0].value if self.consent_modes else ""

    def setting_name(self, name: str) -> str:
        """The name of a value in the admin form and in validation errors: ``<slug>_<name>``."""
        return f"{self.slug}_{name}"

    def clean(self, values: Mapping[str, Any]) -> None:
        """Rules across fields, for an enabled provider whose fields are each valid.

        Raise ``ValidationError({field name: message})``; give a missing value ``code="required"``.
        """

    def build(
        self,
        values: Mapping[str, Any],
        *,
        mode: ConsentMode,
        site: Site,
        options: Mapping[str, Any],
    ) -> Emission | None:
        """Turn validated values into what the page emits.

        Args:
            values: every declared field's value, validated (a script field's is a
                :class:`~wagtail_tracking.providers.fields.StoredScript` or None).
            mode: the consent mode editors chose, one of ``consent_modes``.
            site: the Wagtail site being rendered.
            options: ``WAGTAIL_TRACKING["PROVIDERS"][slug]["OPTIONS"]``.
        """
        raise NotImplementedError

    def clean_state(self, state: ProviderState) -> dict[str, Any]:
        """The state's values checked against the declarations: the one validation of saving
        (the admin form, ``full_clean()``) and of rendering.

        Raises:
            ValidationError: keyed by field name (or ``consent_mode``).
        """
        errors: dict[str, list[ValidationError]] = {}
        values: dict[str, Any] = {}
        for declared in self.fields:
            try:
                values[declared.name] = declared.clean(state.values.get(declared.name))
            except ValidationError as error:
                errors[declared.name] = error.error_list
        if state.consent_mode not in self.consent_modes:
            errors["consent_mode"] = [_invalid_choice(state.consent_mode)]
        if state.enabled and not errors:
            errors = self._missing(values)
            try:
                self.clean(values)
            except ValidationError as error:
                for name, found in error.update_error_dict({}).items():
                    errors.setdefault(name, found)
        if errors:
            raise ValidationError(errors)
        return values

    def _missing(self, values: Mapping[str, Any]) -> dict[str, list[ValidationError]]:
        message = _("Required when %(provider)s is enabled.") % {"provider": self.name}
        return {
            declared.name: [ValidationError(message, code="required")]
            for declared in self.fields
            if declared.required and not values[declared.name]
        }

    def get_emission(
        self, settings: ProviderSettings, *, site: Site, options: Mapping[str, Any]
    ) -> Emission | None:
        """What to emit for ``site``, or None when the provider is off: its stored settings,
        checked by ``clean_state()``, given to ``build()``. Override it only for a provider whose
        values live elsewhere (``OPTIONS``, or models listed in ``setting_models``).

        Raises:
            ProviderMisconfigured: the provider is on but its stored values are not valid.
        """
        state = settings.provider_state(self)
        if not state.enabled:
            return None
        try:
            values = self.clean_state(state)
        except ValidationError as error:
            raise ProviderMisconfigured(describe_errors(error)) from None
        return self.build(values, mode=ConsentMode(state.consent_mode), site=site, options=options)

    def describe(self) -> dict[str, Any]:
        """Static facts about the provider, for site code that wires up another consent manager
        (the banner and the cookie table read the declarations themselves)."""
        return {
            "name": str(self.name),
            "purpose": str(self.purpose),
            "cookies": [cookie.name for cookie in self.cookies],
            "hosts": list(self.hosts),
            "recipient": str(self.recipient),
            "privacy_policy_url": self.privacy_policy_url,
        }

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.slug!r}>"


def _invalid_choice(value: object) -> ValidationError:
    return ValidationError(
        forms.ChoiceField.default_error_messages["invalid_choice"],
        code="invalid_choice",
        params={"value": value},
    )


def describe_errors(error: ValidationError) -> str:
    """One log line for the errors of a stored state: "missing url" or "site_id: Enter …"."""
    missing = [name for name, errors in error.error_dict.items() if errors[0].code == "required"]
    wrong = [
        f"{name}: {'; '.join(ValidationError(errors).messages)}"
        for name, errors in error.error_dict.items()
        if name not in missing
    ]
    return "; ".join(([f"missing {', '.join(missing)}"] if missing else []) + wrong)
