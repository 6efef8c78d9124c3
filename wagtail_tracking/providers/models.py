"""Per-site tracker settings: one row per Wagtail site, whatever providers are installed.

Each provider's values live in one JSON field, ``{slug: {"enabled", "consent_mode", "values"}}``,
and its uploaded scripts in :class:`ProviderScript` rows beside it, so a provider (built-in or
from another package) needs no column and no migration: its declared fields say what the values
are and how they are checked.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import get_providers
from .base import BaseProvider, ProviderState
from .fields import ScriptFileField, StoredScript
from .validators import read_upload


def _as_dict(value: object) -> dict[str, Any]:
    # The JSON field may hold anything after a database edit: what is not a dict reads as empty.
    return value if isinstance(value, dict) else {}


def compute_integrity(file: File[Any]) -> str:
    """The Subresource Integrity value (sha384) of a file's exact bytes."""
    digest = hashlib.sha384(read_upload(file)).digest()
    return "sha384-" + base64.b64encode(digest).decode("ascii")


def site_name(setting: BaseSiteSetting) -> str:
    """The site's name as editors gave it (its host name when it has none)."""
    site = setting.site if setting.site_id else None
    return (site.site_name or site.hostname) if site is not None else ""


@register_setting(icon="view")
class TrackingProviderSettings(BaseSiteSetting):
    """Which audience-measurement tools a site uses, their values, and how each handles consent.

    Editors fill these in *Settings › Tracking*. Values are validated by each provider's declared
    fields on save and again when rendered, so rows edited in the database cannot inject markup.
    """

    providers = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("tracking")
        verbose_name_plural = _("tracking")
        permissions = [("upload_tracker_scripts", _("Can upload tracker script files"))]

    def __str__(self) -> str:
        # Wagtail's "tracking for Main site [default]" reads like neither language.
        return str(
            pgettext_lazy("settings object", "Tracking settings for %(site)s")
            % {"site": site_name(self)}
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Scripts given by set_script(), written by the next save(): {(slug, field): file or None}.
        self.pending_scripts: dict[tuple[str, str], File[Any] | None] = {}

    def provider_state(self, provider: BaseProvider, *, pending: bool = False) -> ProviderState:
        """The provider's stored settings (``pending``: with the scripts not saved yet).

        Uploaded scripts are read only for an enabled provider, or with ``pending``.
        """
        entry = _as_dict(_as_dict(self.providers).get(provider.slug))
        values = dict(_as_dict(entry.get("values")))
        enabled = entry.get("enabled") is True
        for declared in provider.fields:
            if isinstance(declared, ScriptFileField) and (enabled or pending):
                values[declared.name] = self._script_value(provider.slug, declared.name, pending)
        return ProviderState(
            enabled=enabled,
            consent_mode=entry.get("consent_mode", provider.default_consent_mode),
            values=values,
        )

    def _script_value(self, slug: str, name: str, pending: bool) -> StoredScript | File[Any] | None:
        if pending and (slug, name) in self.pending_scripts:
            return self.pending_scripts[(slug, name)]
        row = self.script(slug, name)
        return StoredScript(row.file.url, row.integrity) if row and row.file else None

    def update_provider(
        self,
        slug: str,
        *,
        enabled: bool | None = None,
        consent_mode: str | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        """Change some of a provider's settings (saved by the next ``save()``)."""
        providers = _as_dict(self.providers)
        entry = dict(_as_dict(providers.get(slug)))
        if enabled is not None:
            entry["enabled"] = enabled
        if consent_mode is not None:
            entry["consent_mode"] = consent_mode
        entry["values"] = {**_as_dict(entry.get("values")), **(values or {})}
        self.providers = {**providers, slug: entry}

    def set_script(self, slug: str, name: str, file: File[Any] | None) -> None:
        """Replace (``None``: remove) a provider's uploaded script on the next ``save()``."""
        self.pending_scripts[(slug, name)] = file

    def script(self, slug: str, name: str) -> ProviderScript | None:
        """The saved script of a provider's script field, if any."""
        return self.script_rows.get((slug, name))

    @cached_property
    def script_rows(self) -> dict[tuple[str, str], ProviderScript]:
        if self.pk is None:
            return {}
        return {(row.provider, row.field): row for row in self.scripts.all()}

    def clean(self) -> None:
        """Every registered provider's settings, checked by its declarations; errors are keyed
        like the admin form's fields (``<slug>_<field>``)."""
        super().clean()
        errors: dict[str, Any] = {}
        for provider in get_providers().values():
            try:
                provider.clean_state(self.provider_state(provider, pending=True))
            except ValidationError as error:
                for name, found in error.update_error_dict({}).items():
                    target = "enabled" if name == "__all__" else name
                    errors[provider.setting_name(target)] = found
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            self._save_pending_scripts()

    def _save_pending_scripts(self) -> None:
        for (slug, name), file in self.pending_scripts.items():
            if file is None:
                ProviderScript.objects.filter(settings=self, provider=slug, field=name).delete()
                continue
            row = self.script(slug, name) or ProviderScript(
                settings=self, provider=slug, field=name
            )
            row.file = file
            row.save()
        self.pending_scripts = {}
        self.__dict__.pop("script_rows", None)


def _script_upload_to(instance: ProviderScript, filename: str) -> str:
    # Per site, under the name the vendor gave the file; the storage adds a suffix on collision,
    # so pages still cached with the previous file's URL and hash keep working.
    return f"wagtail_tracking/scripts/site-{instance.settings.site_id}/{filename}"


class ProviderScript(models.Model):
    """A vendor script uploaded for a provider's script field, pinned by its SRI hash."""

    settings = models.ForeignKey(
        TrackingProviderSettings,
        on_delete=models.CASCADE,
        related_name="scripts",
        verbose_name=_("tracker settings"),
    )
    provider = models.CharField(pgettext_lazy("tracker script", "tracker"), max_length=50)
    field = models.CharField(pgettext_lazy("tracker script", "field"), max_length=50)
    file = models.FileField(
        pgettext_lazy("tracker script", "file"), upload_to=_script_upload_to, max_length=255
    )
    integrity = models.CharField(_("integrity hash"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("tracker script")
        verbose_name_plural = _("tracker scripts")
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "provider", "field"],
                name="wagtail_tracking_unique_provider_script",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider}.{self.field}: {self.file.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not getattr(self.file, "_committed", True):
            # A new upload: hash the exact bytes browsers will check.
            self.integrity = compute_integrity(self.file)
            self.size = self.file.size
            self.uploaded_at = timezone.now()
        super().save(*args, **kwargs)
