"""Per-site wording and behaviour of the visitor consent banner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from wagtail_tracking.compat import PAGE_MODEL

from .validators import is_safe_policy_url


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


DEFAULT_HELP = _("Leave empty to use the translated default.")


def _text_field(
    verbose_name: StrOrPromise, *, long: bool = False, help_text: StrOrPromise = DEFAULT_HELP
) -> models.Field[str, str]:
    if long:
        return models.TextField(verbose_name, blank=True, max_length=2000, help_text=help_text)
    return models.CharField(verbose_name, blank=True, max_length=120, help_text=help_text)


@register_setting(icon="lock")
class ConsentBannerSettings(BaseSiteSetting, ClusterableModel):
    """Editors' text for the banner; empty fields fall back to the translated defaults.

    These texts are the site's default wording; a multilingual site adds one
    :class:`ConsentBannerWording` per locale, whose empty fields fall back to these. The settings
    screen (with its live preview of the banner) is built in ``editing`` and attached when the
    app is ready.
    """

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
        help_text=_(
            "An address such as /cookies/ or https://example.com/cookies/, when the policy is "
            "not a page you can choose above."
        ),
    )
    policy_page = models.ForeignKey(
        PAGE_MODEL,
        verbose_name=_("cookie policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The banner links to this page on the visitor's site, in the visitor's language "
            "when the page is translated."
        ),
    )

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
        if self.policy_url and self.policy_page_id:
            raise ValidationError(
                {
                    "policy_url": _(
                        "Choose a page or enter an address, not both: empty this field to link "
                        "to the page, or clear the page to link to this address."
                    )
                }
            )


class ConsentBannerWording(Orderable):
    """The banner's wording in one locale of a multilingual site; empty fields fall back to the
    site's default wording, then to the translated defaults."""

    settings = ParentalKey(ConsentBannerSettings, on_delete=models.CASCADE, related_name="wordings")
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=pgettext_lazy("consent banner", "language"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = _text_field(pgettext_lazy("consent banner", "title"), help_text="")
    text = _text_field(_("text"), long=True, help_text="")
    accept_label = _text_field(_("“accept all” button"), help_text="")
    refuse_label = _text_field(_("“refuse all” button"), help_text="")
    customise_label = _text_field(_("“choose” button"), help_text="")
    save_label = _text_field(_("“save my choices” button"), help_text="")

    panels = [
        FieldPanel("locale"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("accept_label"),
        FieldPanel("refuse_label"),
        FieldPanel("customise_label"),
        FieldPanel("save_label"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("banner wording")
        verbose_name_plural = _("banner wordings")
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "locale"], name="wagtail_tracking_wording_one_per_locale"
            )
        ]

    def __str__(self) -> str:
        return str(self.locale) if self.locale_id else ""
