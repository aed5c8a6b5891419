"""Staff access in the Wagtail admin: the audit trail export for administrators."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .permissions import can_export_audit_trail


@hooks.register("register_admin_urls")
def register_audit_trail_urls():
    return [path("audit-trail/", include((urls, "audit_trail"), namespace="audit_trail"))]


class AuditTrailMenuItem(MenuItem):
    def is_shown(self, request):
        return can_export_audit_trail(request.user)


@hooks.register("register_settings_menu_item")
def register_audit_trail_menu_item():
    return AuditTrailMenuItem(
        _("Audit trail"), reverse_lazy("audit_trail:export"), icon_name="history", order=900
    )
