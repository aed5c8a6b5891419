"""Scheduled jobs in the admin: a page under Reports and a warning on the dashboard."""

from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from .selectors import overdue_jobs
from .views import scheduled_jobs


@hooks.register("register_admin_urls")
def register_scheduled_jobs_url():
    return [path("scheduled-jobs/", scheduled_jobs, name="scheduled_jobs")]


@hooks.register("register_reports_menu_item")
def register_scheduled_jobs_menu_item():
    return AdminOnlyMenuItem(
        _("Scheduled jobs"), reverse_lazy("scheduled_jobs"), icon_name="time", order=900
    )


class OverdueJobsPanel(Component):
    """Tells administrators on the dashboard when a job has not succeeded in time."""

    name = "overdue_scheduled_jobs"
    order = 40
    template_name = "early_help/admin/overdue_jobs_panel.html"

    def __init__(self, overdue):
        self.overdue = overdue

    def get_context_data(self, parent_context):
        return {"overdue": self.overdue, "url": reverse("scheduled_jobs")}


@hooks.register("construct_homepage_panels")
def add_overdue_jobs_panel(request, panels):
    if request.user.is_superuser:
        overdue = overdue_jobs()
        if overdue:
            panels.insert(0, OverdueJobsPanel(overdue))
