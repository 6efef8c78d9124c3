"""What differs between the Wagtail and Django versions the plugin supports, in one place."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import swapper
from django.db import models
from wagtail import hooks


# Wagtail 8 lets a project swap the base page model (WAGTAIL_PAGE_MODEL); Wagtail 7.0 has no such
# setting. Every page foreign key of the plugin names the model through swapper, which reads
# WAGTAIL_PAGE_MODEL and falls back to wagtailcore.Page.
swapper.set_app_prefix("wagtailcore", "wagtail")

#: "app_label.ModelName" of the site's page model, for foreign keys and migrations.
PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")


#: Django 6.0+'s own CSP middleware's nonce reader; Django 5.2 has no CSP middleware.
_get_django_nonce: Callable[[Any], object | None] | None
try:
    from django.middleware.csp import get_nonce as _get_django_nonce
except ImportError:
    _get_django_nonce = None


def get_django_csp_nonce(request: Any) -> object | None:
    """The nonce Django 6's own CSP middleware keeps for this request: a lazy value, falsy until
    read; None on Django 5.2 or without that middleware."""
    return _get_django_nonce(request) if _get_django_nonce is not None else None


def get_page_model() -> type[models.Model]:
    """The site's page model class (``wagtailcore.Page`` unless Wagtail 8's setting swaps it)."""
    model: type[models.Model] = swapper.load_model("wagtailcore", "Page")
    return model


def get_renamed_hooks(name: str, former_name: str) -> list[tuple[str, Callable[..., Any]]]:
    """The functions registered with a hook, each with the name it was registered under: first
    ``name``, then ``former_name``, the hook's name before 0.1, still read with a
    ``DeprecationWarning`` that names the functions to move."""
    former = list(hooks.get_hooks(former_name))
    if former:
        names = ", ".join(f"{fn.__module__}.{fn.__qualname__}" for fn in former)
        warnings.warn(
            f"The {former_name!r} hook is deprecated: register {names} with {name!r} instead.",
            DeprecationWarning,
            stacklevel=3,
        )
    return [(name, fn) for fn in hooks.get_hooks(name)] + [(former_name, fn) for fn in former]
