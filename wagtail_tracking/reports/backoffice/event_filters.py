"""The back-office filters: the period and site, and what an event is (type, action, user)."""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_tracking.activity.models import ActivityEvent
from wagtail_tracking.activity.object_types import get_object_type_choices
from wagtail_tracking.reports.filters import PeriodFilterSet

from .labels import action_choices


class DashboardFilterSet(PeriodFilterSet):
    """The dashboard's filters: the period and the site, over activity events."""

    class Meta(PeriodFilterSet.Meta):
        model = ActivityEvent
        fields = []


class ActivityFilterSet(DashboardFilterSet):
    """The lists' filters: the period, the site, and an event's object type, action and user."""

    object_type = django_filters.ChoiceFilter(
        label=_("Object type"),
        choices=get_object_type_choices,
        empty_label=pgettext_lazy("analytics report", "All types"),
    )
    action = django_filters.ChoiceFilter(
        label=pgettext_lazy("analytics report", "Action"),
        choices=action_choices,
        empty_label=_("All actions"),
    )
    user = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("analytics report", "User"),
        queryset=get_user_model().objects.order_by(get_user_model().USERNAME_FIELD),
        empty_label=_("All users"),
    )
