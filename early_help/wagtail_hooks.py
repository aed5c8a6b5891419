from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import feedback_staff_views, feedback_urls, roles, selectors, staff_urls, staff_views
from .models import (
    FeedbackLink,
    LeadAgency,
    Locality,
    NeighbouringCouncil,
    SmsTemplate,
    UrgentPhrase,
)


class LocalityViewSet(SnippetViewSet):
    model = Locality
    icon = "site"
    menu_label = _("Localities")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "team_name", "phone"]
    search_fields = ["name", "team_name"]


register_snippet(LocalityViewSet)


class NeighbouringCouncilViewSet(SnippetViewSet):
    model = NeighbouringCouncil
    icon = "globe"
    menu_label = _("Neighbouring councils")
    list_display = ["name", "postcode_districts"]


class UrgentPhraseViewSet(SnippetViewSet):
    model = UrgentPhrase
    icon = "warning"
    menu_label = _("Urgent phrases")
    list_display = ["phrase", "active"]
    list_filter = ["active"]


register_snippet(NeighbouringCouncilViewSet)
register_snippet(UrgentPhraseViewSet)


class LeadAgencyViewSet(SnippetViewSet):
    model = LeadAgency
    icon = "group"
    menu_label = _("Lead agencies")
    list_display = ["name", "active"]


register_snippet(LeadAgencyViewSet)


class SmsTemplateViewSet(SnippetViewSet):
    model = SmsTemplate
    icon = "mail"
    menu_label = _("Text messages")
    list_display = ["key", "locale", "body"]
    list_filter = ["key"]


register_snippet(SmsTemplateViewSet)


@hooks.register("register_admin_urls")
def register_help_request_urls():
    return [
        path("help-requests/", include((staff_urls, "help_requests"), namespace="help_requests")),
        path("feedback/", include((feedback_urls, "feedback"), namespace="feedback")),
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return feedback_staff_views.can_read_feedback(request.user)


class MyFeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(roles.WORK) and not feedback_staff_views.can_read_feedback(
            request.user
        )


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


class FeedbackLinkViewSet(SnippetViewSet):
    model = FeedbackLink
    icon = "link"
    menu_label = _("Feedback links")
    list_display = ["worker_name", "worker_role", "team", "revoked"]


register_snippet(FeedbackLinkViewSet)


class HelpRequestMenuItem(MenuItem):
    """The queue in the menu, with how many open requests wait in this person's scope."""

    def is_shown(self, request):
        return staff_views.can_use_queue(request.user)

    def render_component(self, request):
        counts = selectors.queue_counts_cached(request.user)
        label = _("Help requests (%(open)s open, %(urgent)s urgent)") % counts
        return LinkMenuItemComponent(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def register_help_request_menu_item():
    return HelpRequestMenuItem(
        _("Help requests"), reverse_lazy("help_requests:queue"), icon_name="form", order=50
    )


class QueueSummaryPanel(Component):
    """The admin home: the figures of this person's queue and their towns."""

    name = "help_request_summary"
    order = 50
    template_name = "early_help/admin/home_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"counts": selectors.queue_counts(self.user)}


@hooks.register("construct_homepage_panels")
def add_queue_summary(request, panels):
    if staff_views.can_use_queue(request.user):
        panels.insert(0, QueueSummaryPanel(request.user))


@hooks.register("register_log_actions")
def register_help_request_log_actions(actions):
    for action, label in [
        ("claim", _("Claim")),
        ("assign", _("Assign")),
        ("set_lead", _("Set lead agency")),
        ("status", _("Change status")),
        ("pass_to_mash", _("Pass to MASH")),
        ("pass_back", _("Pass back from MASH")),
        ("route", _("Route to a town")),
        ("note", _("Add a note")),
        ("contact", _("Record contact")),
        ("text", _("Send a text")),
    ]:
        actions.register_action(f"early_help.{action}", label, label)
