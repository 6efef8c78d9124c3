"""What every tracker provider is: a description, a consent policy, and the elements it emits.

A provider turns a site's settings into an :class:`Emission`: a JSON-serialisable configuration for
the static loader (``wagtail_tracking/js/tracking.js``) and the vendor's own ``<script src>``
elements. It never builds JavaScript from strings: the loader reads the configuration and makes the
vendor's inline calls itself, so the page needs no inline code besides one JSON block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


if TYPE_CHECKING:
    from wagtail.models import Site


# Stands for the nonce attribute in cached HTML; replaced on every render (see output/build.py).
NONCE = "\x00"


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
class Script:
    """One vendor ``<script src>`` element; attribute values are escaped when rendered.

    ``attrs`` keeps its order so the emitted HTML is stable; ``True`` renders a bare attribute.
    """

    src: str
    attrs: tuple[tuple[str, str | bool], ...] = ()

    def render(self, slug: str, *, active: bool) -> str:
        """An executable element, or an inert ``type="text/plain"`` one the loader activates."""
        attributes = mark_safe(  # noqa: S308  (each piece comes from format_html)
            "".join(
                format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
                for name, value in self.attrs
            )
        )
        if active:
            return format_html(
                '<script data-wagtail-tracking="{}" src="{}"{}{}></script>',
                slug,
                self.src,
                attributes,
                NONCE,
            )
        return format_html(
            '<script type="text/plain" data-wagtail-tracking="{}" data-wagtail-tracking-src="{}"'
            "{}{}></script>",
            slug,
            self.src,
            attributes,
            NONCE,
        )


@dataclass
class Emission:
    """What one provider contributes to a page.

    Attributes:
        config: JSON-serialisable values for the loader, under ``providers[slug]``.
        head: vendor scripts for ``<head>``, after the loader.
        body: vendor scripts for the end of ``<body>``.
        noscript_pixel: an image URL for visitors without JavaScript, emitted only when the
            provider needs no consent.
        adapters: static scripts that register a JavaScript adapter for a third-party provider;
            they are emitted before the loader (see the README).
    """

    config: dict[str, Any]
    head: list[Script] = field(default_factory=list)
    body: list[Script] = field(default_factory=list)
    noscript_pixel: str | None = None
    adapters: list[Script] = field(default_factory=list)


class BaseProvider:
    """Subclass this to add a tracker; register it with the ``register_tracking_providers`` hook."""

    #: Unique key: the ``WAGTAIL_TRACKING["PROVIDERS"]`` key, the JSON key and the JS adapter name.
    slug: ClassVar[str]
    #: The name editors know the tool by.
    name: ClassVar[str]
    #: The consent modes the vendor supports, the first one being the default.
    consent_modes: ClassVar[tuple[ConsentMode, ...]] = (ConsentMode.REQUIRE, ConsentMode.NONE)
    #: What the tool is for, shown to visitors by the consent banner.
    purpose: ClassVar[str] = _("Audience measurement")
    #: Cookie names (prefixes end with ``*``) the tool sets, to delete them on withdrawal.
    cookies: ClassVar[tuple[str, ...]] = ()
    #: Hosts the tool loads code from or sends data to (for CSP and network stubs).
    hosts: ClassVar[tuple[str, ...]] = ()
    #: Extra models whose saves must refresh cached output (a third-party provider's own settings).
    setting_models: ClassVar[tuple[type[models.Model], ...]] = ()

    def get_emission(self, settings, *, site: Site, options: dict[str, Any]) -> Emission | None:
        """Return what to emit for ``site``, or None when the provider is off.

        Args:
            settings: the site's ``TrackingProviderSettings`` (built-in providers read their
                fields from it; third-party providers may ignore it).
            site: the Wagtail site being rendered.
            options: ``WAGTAIL_TRACKING["PROVIDERS"][slug]["OPTIONS"]``.

        Raises:
            ProviderMisconfigured: the provider is on but cannot produce a correct tag.
        """
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        """Static facts about the provider, for the consent banner and the cookie table."""
        return {
            "name": str(self.name),
            "purpose": str(self.purpose),
            "cookies": list(self.cookies),
            "hosts": list(self.hosts),
        }

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.slug!r}>"


class ModelFieldsProvider(BaseProvider):
    """A built-in provider whose settings are ``<slug>_*`` fields of ``TrackingProviderSettings``."""

    #: Fields that must be filled when the provider is on, as (field name, verbose label).
    required_fields: ClassVar[tuple[str, ...]] = ()

    def field(self, settings, name: str):
        return getattr(settings, f"{self.slug}_{name}")

    def is_enabled(self, settings) -> bool:
        return bool(self.field(settings, "enabled"))

    def consent_mode(self, settings) -> str:
        mode = self.field(settings, "consent_mode")
        if mode not in self.consent_modes:
            raise ProviderMisconfigured(f"consent mode {mode!r} is not one of {self.consent_modes}")
        return mode

    def values(self, settings) -> dict[str, Any]:
        """Every field of this provider, re-validated: data edited in the database is not trusted."""
        from django.core.exceptions import ValidationError

        values = {}
        for model_field in type(settings)._meta.get_fields():
            name = getattr(model_field, "name", "")
            if not name.startswith(f"{self.slug}_"):
                continue
            value = getattr(settings, name)
            # Uploaded files were checked on upload and are pinned by their integrity hash.
            checkable = hasattr(model_field, "run_validators") and not isinstance(
                model_field, models.FileField
            )
            if checkable and value not in (None, "", False):
                try:
                    model_field.run_validators(value)
                except ValidationError as error:
                    raise ProviderMisconfigured(f"{name}: {'; '.join(error.messages)}") from None
            values[name.removeprefix(f"{self.slug}_")] = value
        missing = [name for name in self.required_fields if not values.get(name)]
        if missing:
            raise ProviderMisconfigured(f"missing {', '.join(missing)}")
        return values

    def clean(self, settings) -> dict[str, str]:
        """Form errors for a provider switched on without what it needs, keyed by field name."""
        if not self.is_enabled(settings):
            return {}
        message = _("Required when %(provider)s is enabled.") % {"provider": self.name}
        return {
            f"{self.slug}_{name}": message
            for name in self.required_fields
            if not self.field(settings, name)
        }

    def get_emission(self, settings, *, site: Site, options: dict[str, Any]) -> Emission | None:
        if not self.is_enabled(settings):
            return None
        mode = self.consent_mode(settings)
        return self.build(self.values(settings), mode=mode)

    def build(self, values: dict[str, Any], *, mode: str) -> Emission:
        """Turn validated field values into an emission."""
        raise NotImplementedError


def uploaded_script(file, integrity: str) -> Script:
    """A script element for a vendor file uploaded to media storage, with its SRI hash."""
    if not integrity:
        raise ProviderMisconfigured("uploaded script has no integrity hash")
    return Script(file.url, (("integrity", integrity), ("crossorigin", "anonymous")))


def render_noscript_pixel(url: str) -> str:
    return format_html('<noscript><img src="{}" width="1" height="1" alt=""></noscript>', url)
