"""Per-site wording and behaviour of the visitor consent banner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .validators import is_safe_policy_url


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _text_field(verbose_name: StrOrPromise, *, long: bool = False) -> models.Field[str, str]:
    help_text = _("Leave empty to use the translated default.")
    if long:
        return models.TextField(verbose_name, blank=True, max_length=2000, help_text=help_text)
    return models.CharField(verbose_name, blank=True, max_length=120, help_text=help_text)


@register_setting(icon="lock")
class ConsentBannerSettings(BaseSiteSetting):
    """Editors' text for the banner; empty fields fall back to the translated defaults."""

    show_banner = models.BooleanField(
        _("show the consent banner"),
        default=True,
        help_text=_(
            "Untick when the site runs another consent manager (e.g. tarteaucitron.js) that "
            "drives the trackers through the JavaScript API."
        ),
    )
    honour_do_not_track = models.BooleanField(
        _("honour Do Not Track"),
        default=False,
        help_text=_(
            "Treat the browser's Do Not Track signal as a refusal, like Global Privacy Control "
            "(which is always honoured)."
        ),
    )
    title = _text_field(pgettext_lazy("consent banner", "title"))
    text = _text_field(_("text"), long=True)
    accept_label = _text_field(_("“accept all” button"))
    refuse_label = _text_field(_("“refuse all” button"))
    customise_label = _text_field(_("“choose” button"))
    save_label = _text_field(_("“save my choices” button"))
    policy_url = models.CharField(
        _("cookie policy address"),
        blank=True,
        max_length=255,
        help_text=_("A page address such as /cookies/ or https://example.com/cookies/."),
    )

    panels = [
        FieldPanel("show_banner"),
        FieldPanel("honour_do_not_track"),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("text"),
                FieldPanel("accept_label"),
                FieldPanel("refuse_label"),
                FieldPanel("customise_label"),
                FieldPanel("save_label"),
                FieldPanel("policy_url"),
            ],
            heading=_("Wording"),
        ),
    ]

    class Meta:
        verbose_name = _("consent banner")
        verbose_name_plural = _("consent banner")

    def __str__(self) -> str:
        site = self.site if self.site_id else None
        name = (site.site_name or site.hostname) if site is not None else ""
        return str(pgettext_lazy("settings object", "Consent banner for %(site)s") % {"site": name})

    def clean(self) -> None:
        super().clean()
        if self.policy_url and not is_safe_policy_url(self.policy_url):
            raise ValidationError(
                {"policy_url": _("Enter a path starting with / or an http(s) address.")}
            )
