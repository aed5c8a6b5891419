"""Feedback in the Wagtail admin: its screens, menu items and workers' links."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..staff_access import roles
from ..staff_access.permissions import can_read_feedback
from . import staff_urls
from .models import FeedbackLink


class FeedbackLinkViewSet(SnippetViewSet):
    model = FeedbackLink
    icon = "link"
    menu_label = _("Feedback links")
    list_display = ["worker_name", "worker_role", "team", "revoked"]


register_snippet(FeedbackLinkViewSet)


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [path("feedback/", include((staff_urls, "feedback"), namespace="feedback"))]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_feedback(request.user)


class MyFeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(roles.WORK) and not can_read_feedback(request.user)


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(
        _("Feedback"), reverse_lazy("feedback:list"), icon_name="comment", order=51
    )


@hooks.register("register_admin_menu_item")
def register_my_feedback_menu_item():
    return MyFeedbackMenuItem(
        _("Feedback about me"), reverse_lazy("feedback:mine"), icon_name="comment", order=52
    )


@hooks.register("register_log_actions")
def register_feedback_link_log_actions(actions):
    # Shown in a feedback link's history (Snippets → Feedback links).
    actions.register_action(
        "early_help.feedback_link_revoke", _("Revoke the link"), _("Link revoked")
    )
    actions.register_action(
        "early_help.feedback_link_reissue",
        _("Reissue the link"),
        _("Link reissued: new address, the old one no longer works"),
    )
