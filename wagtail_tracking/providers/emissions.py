"""What each provider emits for a site: the one loop over the providers, with one error policy.

Both the page's tags and the cookie table read it, so a provider that fails is left out of both.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from . import get_providers, is_provider_allowed, provider_options
from .base import ProviderMisconfigured, ProviderSettings
from .elements import Emission
from .models import TrackingProviderSettings


if TYPE_CHECKING:
    from wagtail.models import Site


logger = logging.getLogger("wagtail_tracking.providers")


def load_settings(site: Site) -> TrackingProviderSettings:
    """The site's settings row, without creating one (rendering never writes)."""
    return TrackingProviderSettings.objects.filter(site=site).first() or TrackingProviderSettings(
        site=site
    )


def site_emissions(
    settings: ProviderSettings, *, site: Site, quiet: bool = False
) -> dict[str, Emission]:
    """What each allowed provider emits for ``site``; a failing provider is left out and logged
    (as a warning for the page's tags, at debug level when ``quiet``), never raised."""
    emissions: dict[str, Emission] = {}
    for slug, provider in get_providers().items():
        if not is_provider_allowed(slug):
            continue
        try:
            emission = provider.get_emission(
                settings, site=site, options=provider_options(slug).get("OPTIONS", {})
            )
        except Exception as error:
            if quiet:
                logger.debug("wagtail_tracking: %s left out for site %r: %s", slug, site, error)
            elif isinstance(error, ProviderMisconfigured):
                logger.warning(
                    "wagtail_tracking: %s is enabled for site %r but misconfigured (%s); "
                    "it emits nothing.",
                    slug,
                    str(site),
                    error,
                )
            else:
                logger.exception(
                    "wagtail_tracking: %s failed for site %r; it emits nothing.", slug, site
                )
            continue
        if emission is not None:
            emissions[slug] = emission
    return emissions
