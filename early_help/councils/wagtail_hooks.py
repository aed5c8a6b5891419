"""Councils and who belongs to them, under Settings: the region's administrators' alone
(nobody else holds the models' permissions)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Council, CouncilMembership


class CouncilViewSet(ModelViewSet):
    model = Council
    icon = "site"
    menu_label = _("Councils")
    add_to_settings_menu = True
    list_display = ["name", "short_name", "site"]
    form_fields = [
        "name",
        "short_name",
        "slug",
        "site",
        "contact_phone",
        "brand_colour",
        "sms_sender",
        "first_contact_working_days",
        "mash_triage_working_days",
        "consent_wording",
        "consent_wording_version",
        "retention_days_help_requests",
        "retention_days_texts",
        "retention_days_feedback",
        "sort_order",
    ]


class CouncilMembershipViewSet(ModelViewSet):
    model = CouncilMembership
    icon = "group"
    menu_label = _("Council staff")
    add_to_settings_menu = True
    list_display = ["user", "council"]
    list_filter = ["council"]
    form_fields = ["user", "council"]


@hooks.register("register_admin_viewset")
def register_council_viewsets():
    return [
        CouncilViewSet("councils"),
        CouncilMembershipViewSet("council_memberships"),
    ]
