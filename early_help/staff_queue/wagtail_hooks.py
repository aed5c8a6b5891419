"""The staff queue in the Wagtail admin: its screens, menu item, home panel and log actions."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..help_requests.models import HelpRequest, HelpRequestLogEntry
from ..staff_access.permissions import can_see_region_reports, can_use_queue
from . import selectors, urls
from .models import LeadAgency


class LeadAgencyViewSet(SnippetViewSet):
    model = LeadAgency
    icon = "group"
    menu_label = _("Lead agencies")
    list_display = ["name", "active"]


register_snippet(LeadAgencyViewSet)


@hooks.register("register_admin_urls")
def register_help_request_urls():
    return [
        path("help-requests/", include((urls, "help_requests"), namespace="help_requests")),
    ]


class RegionReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_region_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_region_report_menu_item():
    return RegionReportMenuItem(
        _("Region"), reverse_lazy("help_requests:region_report"), icon_name="site", order=50
    )


class HelpRequestMenuItem(MenuItem):
    """The queue in the menu, with how many open requests wait in this person's scope."""

    def is_shown(self, request):
        return can_use_queue(request.user)

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
    if can_use_queue(request.user):
        panels.insert(0, QueueSummaryPanel(request.user))


@hooks.register("register_log_actions")
def register_help_request_log_actions(actions):
    # A request's entries go to their own log model, whose `viewable_by_user` keeps
    # Wagtail's site history and its exports within each person's scope.
    actions.register_model(HelpRequest, HelpRequestLogEntry)
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
        ("tracking", _("Switch 'Where is my request?'")),
        ("family_seen", _("Mark the family's online message as seen")),
        ("came_back", _("Say why the family came back")),
    ]:
        actions.register_action(f"early_help.{action}", label, label)
