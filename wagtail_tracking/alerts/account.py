"""The "Analytics e-mails" panel of Wagtail's account settings: alerts and the weekly digest.

Shown to users with "Browse analytics" only; the preference row is created on first save.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.models import Site

from .models import NotificationPreference
from .notify import BROWSE_ANALYTICS


class NotificationPreferenceForm(forms.ModelForm):
    digest_sites = forms.ModelMultipleChoiceField(
        queryset=Site.objects.order_by("site_name", "hostname"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Sites in the digest"),
        help_text=_("One digest per site chosen; none chosen means every site."),
    )

    class Meta:
        model = NotificationPreference
        fields = ["alert_emails", "weekly_digest", "digest_sites"]


class AnalyticsEmailsPanel(BaseSettingsPanel):
    name = "wagtail_tracking_emails"
    title = _("Analytics e-mails")
    tab = notifications_tab
    order = 500
    form_class = NotificationPreferenceForm

    def is_active(self) -> bool:
        return bool(self.user.is_active and self.user.has_perm(BROWSE_ANALYTICS))

    def get_form(self) -> Any:
        instance = NotificationPreference.objects.filter(
            user=self.user
        ).first() or NotificationPreference(user=self.user)
        kwargs = {"instance": instance, "prefix": self.name}
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)
