"""Tracker settings as the admin form names them (``<slug>_<field>``), for tests and scenarios."""

from wagtail_tracking.models import TrackingProviderSettings
from wagtail_tracking.providers import ScriptFileField, get_providers


def split_setting_name(name):
    """(provider, field name) of a form field name; the longest matching slug wins."""
    for slug in sorted(get_providers(), key=len, reverse=True):
        if name.startswith(f"{slug}_"):
            return get_providers()[slug], name.removeprefix(f"{slug}_")
    raise KeyError(name)


def apply_settings(instance, fields):
    """Set values by form field name: ``ga4_enabled``, ``xiti_script`` (a file, or None)…"""
    for setting, value in fields.items():
        provider, name = split_setting_name(setting)
        declared = {field.name: field for field in provider.fields}.get(name)
        if name in ("enabled", "consent_mode"):
            instance.update_provider(provider.slug, **{name: value})
        elif isinstance(declared, ScriptFileField):
            instance.set_script(provider.slug, name, value or None)
        else:
            instance.update_provider(provider.slug, values={name: value})
    return instance


def save_settings(site, fields):
    """Save a site's tracker settings, validated as the admin form would."""
    instance = apply_settings(TrackingProviderSettings.for_site(site), fields)
    instance.full_clean()
    instance.save()
    return instance


def provider_values(instance, slug):
    """A provider's saved values, read back from the database."""
    saved = TrackingProviderSettings.objects.get(pk=instance.pk)
    return saved.provider_state(get_providers()[slug]).values
