"""Per-site tracker settings: one row per Wagtail site, one tab per provider in the admin."""

from __future__ import annotations

import base64
import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import clean_provider_settings
from .base import ConsentMode
from .validators import (
    read_upload,
    validate_eulerian_domain,
    validate_ga4_measurement_id,
    validate_https_script_url,
    validate_level2,
    validate_matomo_container_id,
    validate_matomo_url,
    validate_page_root,
    validate_piano_collect_domain,
    validate_plausible_script_id,
    validate_script_file,
    validate_site_number,
    validate_ua_tracking_id,
    validate_umami_website_id,
    validate_xiti_xtsd,
)


#: The permission that lets a user upload vendor script files or point at a script URL.
UPLOAD_SCRIPTS_PERMISSION = "wagtail_tracking.upload_tracker_scripts"

# (file field name, integrity field name) of each uploaded vendor script.
SCRIPT_FIELDS = (
    ("xiti_script", "xiti_script_integrity"),
    ("smarttag_script", "smarttag_script_integrity"),
    ("eulerian_script", "eulerian_script_integrity"),
)


def _consent_field(*modes: ConsentMode, default: ConsentMode | None = None) -> models.CharField:
    return models.CharField(
        _("visitor consent"),
        max_length=20,
        choices=[(mode.value, mode.label) for mode in modes],
        default=(default or modes[0]).value,
    )


def _enabled_field() -> models.BooleanField:
    return models.BooleanField(_("enabled"), default=False)


def _script_upload_to(instance, filename: str) -> str:
    # Per site, under the name the vendor gave the file; the storage adds a suffix on collision,
    # so pages still cached with the previous file's URL and hash keep working.
    return f"wagtail_tracking/scripts/site-{instance.site_id}/{filename}"


def _script_file_field(verbose_name, help_text) -> models.FileField:
    return models.FileField(
        verbose_name,
        upload_to=_script_upload_to,
        blank=True,
        max_length=255,
        validators=[validate_script_file],
        help_text=help_text,
    )


def _vendor_field(verbose_name, validator, help_text, *, max_length: int) -> models.CharField:
    """An optional ID or address, checked against its vendor's format on save and on render."""
    return models.CharField(
        verbose_name,
        max_length=max_length,
        blank=True,
        validators=[validator],
        help_text=help_text,
    )


def _integrity_field() -> models.CharField:
    return models.CharField(max_length=100, blank=True, editable=False)


def compute_integrity(file) -> str:
    """The Subresource Integrity value (sha384) of a file's exact bytes."""
    digest = hashlib.sha384(read_upload(file)).digest()
    return "sha384-" + base64.b64encode(digest).decode("ascii")


@register_setting(icon="view")
class TrackingProviderSettings(BaseSiteSetting):
    """Which audience-measurement tools a site uses, their IDs, and how each handles consent.

    Editors fill these in *Settings › Tracking*. Values are validated with each vendor's format
    on save and again when rendered, so rows edited in the database cannot inject markup.
    """

    # Google Analytics 4
    ga4_enabled = _enabled_field()
    ga4_measurement_id = _vendor_field(
        _("measurement ID"),
        validate_ga4_measurement_id,
        _("Starts with G-, e.g. G-ABC123XYZ9."),
        max_length=24,
    )
    ga4_consent_mode = _consent_field(
        ConsentMode.REQUIRE, ConsentMode.CONSENT_MODE, ConsentMode.NONE
    )

    # Universal Analytics (legacy)
    ua_enabled = _enabled_field()
    ua_tracking_id = _vendor_field(
        _("tracking ID"), validate_ua_tracking_id, _("Looks like UA-12345-1."), max_length=24
    )
    ua_consent_mode = _consent_field(ConsentMode.REQUIRE, ConsentMode.NONE)

    # XiTi Analyzer NX (AT Internet)
    xiti_enabled = _enabled_field()
    xiti_xtsd = _vendor_field(
        _("XTSD code"),
        validate_xiti_xtsd,
        _("The collection server with its protocol, e.g. https://logs1406."),
        max_length=40,
    )
    xiti_xtsite = _vendor_field(
        _("XTSITE code"), validate_site_number, _("The site number, e.g. 123456."), max_length=12
    )
    xiti_level2 = _vendor_field(
        _("level 2 site ID"), validate_level2, _("Optional, digits only."), max_length=6
    )
    xiti_page_root = _vendor_field(
        _("root used in page names"),
        validate_page_root,
        _("Optional first chapter of every page name, e.g. my_site gives my_site::news::title."),
        max_length=64,
    )
    xiti_script = _script_file_field(
        _("xtcore.js file"), _("The xtcore.js file generated for this site by XiTi.")
    )
    xiti_script_integrity = _integrity_field()
    xiti_consent_mode = _consent_field(ConsentMode.REQUIRE, ConsentMode.NONE)

    # AT Internet SmartTag
    smarttag_enabled = _enabled_field()
    smarttag_script = _script_file_field(
        _("smarttag.js file"),
        _("The smarttag.js file exported from Tag Composer. Leave empty to use an address."),
    )
    smarttag_script_integrity = _integrity_field()
    smarttag_script_url = _vendor_field(
        _("smarttag.js address"),
        validate_https_script_url,
        _(
            "Instead of a file: the https address Tag Composer publishes, "
            "e.g. https://tag.aticdn.net/123456/smarttag.js."
        ),
        max_length=255,
    )
    smarttag_site_id = _vendor_field(
        _("site number"),
        validate_site_number,
        _("Only if your smarttag.js does not carry it, e.g. 123456."),
        max_length=12,
    )
    smarttag_level2 = _vendor_field(
        _("level 2 site ID"), validate_level2, _("Optional, digits only."), max_length=6
    )
    smarttag_consent_mode = _consent_field(
        ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE
    )

    # Piano Analytics
    piano_enabled = _enabled_field()
    piano_site_id = _vendor_field(
        _("site ID"), validate_site_number, _("Digits only, e.g. 123456789."), max_length=12
    )
    piano_collect_domain = _vendor_field(
        _("collection domain"),
        validate_piano_collect_domain,
        _("With https://, e.g. https://abcdefg.pa-cd.com."),
        max_length=255,
    )
    piano_consent_mode = _consent_field(ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE)

    # Eulerian
    eulerian_enabled = _enabled_field()
    eulerian_domain = _vendor_field(
        _("tracking domain"),
        validate_eulerian_domain,
        _("The collection domain alone, e.g. et1.eulerian.net."),
        max_length=255,
    )
    eulerian_script = _script_file_field(
        _("ea.localpix.js file"),
        _("Only if Eulerian supplied an ea.localpix.js file for this site."),
    )
    eulerian_script_integrity = _integrity_field()
    eulerian_consent_mode = _consent_field(
        ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE
    )

    # Matomo
    matomo_enabled = _enabled_field()
    matomo_url = _vendor_field(
        _("site URL (tracker URL)"),
        validate_matomo_url,
        _("The address of your Matomo, e.g. https://analytics.example.com/."),
        max_length=255,
    )
    matomo_site_id = _vendor_field(
        _("site ID"), validate_site_number, _("Digits only, e.g. 1."), max_length=12
    )
    matomo_disable_cookies = models.BooleanField(
        _("cookieless measurement"),
        default=False,
        help_text=_("Measure without setting any cookie (Matomo's disableCookies)."),
    )
    matomo_container_id = _vendor_field(
        _("Tag Manager container ID"),
        validate_matomo_container_id,
        _(
            "Optional. When set, the Tag Manager container is loaded instead of the tracker "
            "(configure the tracker inside the container), e.g. EPPlG1eo."
        ),
        max_length=8,
    )
    matomo_consent_mode = _consent_field(ConsentMode.REQUIRE, ConsentMode.EXEMPT, ConsentMode.NONE)

    # Plausible
    plausible_enabled = _enabled_field()
    plausible_script_id = _vendor_field(
        _("script ID"),
        validate_plausible_script_id,
        _("From your site's installation page, e.g. pa-6_srOGVV9SLMWJ1ZpUAbG."),
        max_length=68,
    )
    plausible_consent_mode = _consent_field(ConsentMode.NONE, ConsentMode.REQUIRE)

    # Umami
    umami_enabled = _enabled_field()
    umami_website_id = _vendor_field(
        _("website ID"),
        validate_umami_website_id,
        _("A UUID, e.g. 94db1cb1-74f4-4a40-ad6c-962362670409."),
        max_length=36,
    )
    umami_consent_mode = _consent_field(ConsentMode.NONE, ConsentMode.REQUIRE)

    class Meta:
        verbose_name = _("tracking")
        verbose_name_plural = _("tracking")
        permissions = [("upload_tracker_scripts", _("Can upload tracker script files"))]

    def save(self, *args, **kwargs):
        self.refresh_script_integrity()
        super().save(*args, **kwargs)

    def refresh_script_integrity(self) -> None:
        """Hash each newly uploaded vendor file, and forget the hash of a removed one."""
        for file_field, integrity_field in SCRIPT_FIELDS:
            file = getattr(self, file_field)
            if not file:
                setattr(self, integrity_field, "")
            elif not getattr(file, "_committed", True):
                setattr(self, integrity_field, compute_integrity(file))

    def clean(self):
        super().clean()
        clean_provider_settings(self)
