"""What a provider declares about each value editors give it: the settings screen, the validation
on save and the re-validation on render are all derived from these declarations.

A declaration is small and frozen: its ``name`` is the key of the value (``build()`` reads
``values[name]``), and the admin form names the field ``<slug>_<name>``. Every ``clean()``
accepts what editors type and what the database returns, so values edited in the database
are checked exactly like values posted through the form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias

from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.text import capfirst

from .elements import Script
from .validators import validate_script_file
from .widgets import ScriptFileInput


if TYPE_CHECKING:
    # A label or message: plain text, or a lazily translated string.
    from django_stubs_ext import StrOrPromise


#: A Django validator: raises ``ValidationError`` for a wrong value.
Validator: TypeAlias = Callable[[Any], None]


def _invalid() -> ValidationError:
    # Django's own "Enter a valid value.": only values edited in the database end up here.
    return ValidationError(RegexValidator.message, code="invalid")


@dataclass(frozen=True)
class ProviderField:
    """One value of a provider: its name, its label and help text, whether it is required.

    Attributes:
        name: the key in ``values``; letters, digits and underscores.
        required: the provider cannot be enabled without it ("Required when … is enabled.").
        upload_permission: only users with ``wagtail_tracking.upload_tracker_scripts`` see and
            change it (it decides which code the site runs).
    """

    name: str
    label: StrOrPromise
    _: KW_ONLY
    help_text: StrOrPromise = ""
    required: bool = False
    upload_permission: bool = False

    #: The value of a field left empty.
    empty: ClassVar[Any] = ""

    def form_field(self) -> forms.Field:
        raise NotImplementedError

    def clean(self, value: Any) -> Any:
        """The value checked against the declaration; raises ``ValidationError``."""
        raise NotImplementedError


@dataclass(frozen=True)
class TextField(ProviderField):
    """An ID or an address typed by editors, checked against its vendor's format."""

    _: KW_ONLY
    max_length: int = 255
    validators: tuple[Validator, ...] = ()

    def form_field(self) -> forms.Field:
        return forms.CharField(
            label=capfirst(self.label),
            help_text=self.help_text,
            max_length=self.max_length,
            required=False,
            validators=list(self.validators),
        )

    def clean(self, value: Any) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise _invalid()
        if value:
            MaxLengthValidator(self.max_length)(value)
            for validator in self.validators:
                validator(value)
        return value


@dataclass(frozen=True)
class CheckboxField(ProviderField):
    """An on/off option of the vendor's snippet."""

    empty: ClassVar[Any] = False

    def form_field(self) -> forms.Field:
        return forms.BooleanField(
            label=capfirst(self.label), help_text=self.help_text, required=False
        )

    def clean(self, value: Any) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            raise _invalid()
        return value


@dataclass(frozen=True)
class StoredScript:
    """A vendor script uploaded for a site: its address in media storage and its SRI hash."""

    url: str
    integrity: str

    def element(self) -> Script:
        """The ``<script src>`` that loads it, pinned to the uploaded bytes."""
        return Script(self.url, (("integrity", self.integrity), ("crossorigin", "anonymous")))


@dataclass(frozen=True)
class ScriptFileField(ProviderField):
    """A vendor JavaScript file uploaded by editors (``xtcore.js``…), served with its SRI hash.

    Its value is a :class:`StoredScript` when rendering, and the uploaded file while a form or
    ``full_clean()`` validates a new upload; ``None`` when there is none.
    """

    _: KW_ONLY
    upload_permission: bool = True
    empty: ClassVar[Any] = None

    def form_field(self) -> forms.Field:
        return forms.FileField(
            label=capfirst(self.label),
            help_text=self.help_text,
            required=False,
            max_length=255,
            validators=[validate_script_file],
            widget=ScriptFileInput,
        )

    def clean(self, value: Any) -> StoredScript | File[Any] | None:
        if not value:
            return None
        if isinstance(value, StoredScript):
            # Checked when it was uploaded, and pinned by its hash since.
            if not value.integrity:
                raise ValidationError("the uploaded script has no integrity hash", code="invalid")
            return value
        if isinstance(value, File):
            validate_script_file(value)
            return value
        raise _invalid()
