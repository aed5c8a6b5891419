"""Staff roles. Each is a Django group; locality scope comes from LocalityMembership.

`ROLE_PERMISSIONS` is the single source of truth: `roles_sync` (run after every migrate)
makes the groups match it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    LOCALITY_WORKER = "Locality worker", _("Locality worker")
    LOCALITY_MANAGER = "Locality manager", _("Locality manager")
    MASH_DUTY = "MASH duty", _("MASH duty")
    SERVICE_MANAGER = "Service manager", _("Service manager")
    COMMS_EDITOR = "Comms editor", _("Comms editor")
    ADMINISTRATOR = "Administrator", _("Administrator")


ADMIN = "wagtailadmin.access_admin"
WORK = "early_help.work_on_help_request"
ASSIGN = "early_help.assign_help_request"
VIEW_ALL = "early_help.view_all_help_requests"
MASH = "early_help.triage_mash"
ROUTE = "early_help.route_help_request"
REPORTS = "early_help.view_help_request_reports"
EXPORT = "early_help.export_help_requests"
AUDIT = "early_help.view_audit_trail"

ROLE_PERMISSIONS = {
    StaffRole.LOCALITY_WORKER: [ADMIN, WORK],
    StaffRole.LOCALITY_MANAGER: [ADMIN, WORK, ASSIGN, REPORTS, EXPORT],
    StaffRole.MASH_DUTY: [ADMIN, WORK, ASSIGN, MASH],
    StaffRole.SERVICE_MANAGER: [ADMIN, VIEW_ALL, ROUTE, REPORTS, EXPORT],
    StaffRole.COMMS_EDITOR: [ADMIN],
    StaffRole.ADMINISTRATOR: [ADMIN, VIEW_ALL, WORK, ASSIGN, MASH, ROUTE, REPORTS, EXPORT, AUDIT],
}


def roles_sync(**kwargs) -> None:
    """Create the role groups and give each exactly its permissions. Safe to run again."""
    from django.contrib.auth.models import Group, Permission

    for role, dotted in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        permissions = []
        for name in dotted:
            app_label, codename = name.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)
