"""One user's actions and one object's history: drill-downs from the dashboard and its lists.

Each names its subject as Wagtail does (a user's full name with the username beside it; an
object's title, marked when the object is deleted), links to it in the admin (the account, the
object's edit view) when the viewer may open it, leaves out the columns that would repeat it,
and leads back to the dashboard and the list it comes from in the same period.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.widgets import Button

from wagtail_tracking.activity.models import ActivityEvent

from .activity_log import EventListView
from .labels import user_display_name


class UserActivityView(EventListView):
    """Every action one user took, on which objects."""

    export_filename = "activity-log-user"
    index_url_name = "wagtail_tracking_analytics:backoffice_user"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_user_results"
    subject_columns = ("user_name",)

    def events(self) -> QuerySet[ActivityEvent]:
        return ActivityEvent.objects.filter(user_id=self.kwargs["user_id"])

    def rollup_subject(self) -> Q:
        return Q(user_id=self.kwargs["user_id"])

    @cached_property
    def user(self) -> Model | None:
        User = get_user_model()
        return User._default_manager.filter(pk=self.kwargs["user_id"]).first()

    @cached_property
    def user_name(self) -> str:
        name = self.events().order_by("-timestamp").values_list("user_name", flat=True).first()
        if name is None:
            raise Http404
        return user_display_name(self.user, name, self.kwargs["user_id"])

    def get_page_title(self) -> str | Promise:
        if self.user is None:
            return _("Actions by %(user)s (deleted account)") % {"user": self.user_name}
        return _("Actions by %(user)s") % {"user": self.user_name}

    def parent_list(self) -> tuple[str, str | Promise]:
        return ("wagtail_tracking_analytics:backoffice_users", _("Users by number of actions"))

    @cached_property
    def header_buttons(self) -> list[Button]:
        url = AdminURLFinder(self.request.user).get_edit_url(self.user) if self.user else None
        if not url:
            return list(super().header_buttons)
        account = Button(pgettext_lazy("analytics report", "User account"), url, icon_name="user")
        return [*super().header_buttons, account]

    def get_index_url(self) -> str:
        return reverse(self.index_url_name, args=[self.kwargs["user_id"]])

    def get_index_results_url(self) -> str:
        return reverse(self.index_results_url_name, args=[self.kwargs["user_id"]])


OBJECT_ID_LENGTH = ActivityEvent._meta.get_field("object_id").max_length or 255


class ObjectHistoryView(EventListView):
    """Every action on one object, by whom, with what changed."""

    export_filename = "activity-log-object"
    index_url_name = "wagtail_tracking_analytics:backoffice_object"
    index_results_url_name = "wagtail_tracking_analytics:backoffice_object_results"
    subject_columns = ("object_title", "object_type")

    def events(self) -> QuerySet[ActivityEvent]:
        type_id = self.kwargs["content_type_id"] or None
        object_id = self.kwargs["object_id"]
        if "\x00" in object_id or len(object_id) > OBJECT_ID_LENGTH:
            raise Http404  # no stored id holds these (PostgreSQL refuses NUL in a query)
        return ActivityEvent.objects.filter(content_type_id=type_id, object_id=object_id)

    def rollup_subject(self) -> None:
        return None  # one object's events are few: counted as they are

    @cached_property
    def latest_event(self) -> ActivityEvent:
        event = self.events().order_by("-timestamp").first()
        if event is None:
            raise Http404
        return event

    @cached_property
    def object(self) -> Model | None:
        """The object itself, None when it is deleted (or its model is gone)."""
        type_id = self.kwargs["content_type_id"]
        try:
            model = ContentType.objects.get_for_id(type_id).model_class() if type_id else None
        except ContentType.DoesNotExist:
            model = None
        if model is None:
            return None
        try:
            return model._base_manager.filter(pk=self.kwargs["object_id"]).first()
        except (ValueError, TypeError):
            return None

    def get_page_title(self) -> str | Promise:
        event = self.latest_event
        title = event.object_title or f"#{event.object_id}"
        if self.object is None:
            return _("History of %(object)s (deleted)") % {"object": title}
        return _("History of %(object)s") % {"object": title}

    def parent_list(self) -> tuple[str, str | Promise]:
        if self.latest_event.object_type == "page":
            return ("wagtail_tracking_analytics:backoffice_pages", _("Modified pages"))
        return ("wagtail_tracking_analytics:backoffice_objects", _("Modified objects"))

    @cached_property
    def header_buttons(self) -> list[Button]:
        obj = self.object
        url = AdminURLFinder(self.request.user).get_edit_url(obj) if obj is not None else None
        if not url:
            return list(super().header_buttons)
        return [
            *super().header_buttons,
            Button(pgettext_lazy("analytics report", "Edit"), url, icon_name="edit"),
        ]

    def object_args(self) -> list[Any]:
        return [self.kwargs["content_type_id"], self.kwargs["object_id"]]

    def get_index_url(self) -> str:
        return reverse(self.index_url_name, args=self.object_args())

    def get_index_results_url(self) -> str:
        return reverse(self.index_results_url_name, args=self.object_args())
