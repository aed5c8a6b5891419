"""Staff roles. Each is a Django group; council scope comes from CouncilMembership (and a
town's staff belong to its council), locality scope from LocalityMembership. Superusers
are the region's administrators; the Administrator role administers its own councils.

This file is the single source of truth for what each role may do: `roles_sync` (run after
every migrate, and after the test database is flushed) brings the groups in line with it.

It owns only what it lists (DESIGN.md §6): a permission that some role here names is added
to the roles that list it and taken from the roles that do not; anything else an
administrator grants a group by hand is left alone. The same goes for page permissions and
image/document permissions on the root page and root collection, and for the approver
group on the default workflow's approval task.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    LOCALITY_WORKER = "Locality worker", _("Locality worker")
    LOCALITY_MANAGER = "Locality manager", _("Locality manager")
    MASH_DUTY = "MASH duty", _("MASH duty")
    SERVICE_MANAGER = "Service manager", _("Service manager")
    COMMS_EDITOR = "Comms editor", _("Comms editor")
    COMMS_APPROVER = "Comms approver", _("Comms approver")
    LOCALITY_DATA_EDITOR = "Locality data editor", _("Locality data editor")
    ADMINISTRATOR = "Administrator", _("Administrator")
    REGION_MANAGER = "Region manager", _("Region manager")


ADMIN = "wagtailadmin.access_admin"
WORK = "early_help.work_on_help_request"
ASSIGN = "early_help.assign_help_request"
VIEW_ALL = "early_help.view_all_help_requests"
MASH = "early_help.triage_mash"
ROUTE = "early_help.route_help_request"
REPORTS = "early_help.view_help_request_reports"
EXPORT = "early_help.export_help_requests"
AUDIT = "early_help.view_audit_trail"
# Each council's headline figures side by side: no request, no person, no queue.
REGION_REPORTS = "early_help.view_region_reports"

# Comms: the words of texts, the site settings (contact numbers, footer, exit destination)
# and translations. `wagtail.contrib.settings` checks the plain model permission "change".
TEXT_TEMPLATES = [
    "early_help.add_smstemplate",
    "early_help.change_smstemplate",
    "early_help.view_smstemplate",
]
SITE_SETTINGS = ["cms.change_sitesettings"]
TRANSLATE = ["wagtail_localize.submit_translation"]
COMMS = [ADMIN, *TEXT_TEMPLATES, *SITE_SETTINGS, *TRANSLATE]

# The list of what a request can be waiting for (early_help.BlockageReason). No delete:
# past waits keep their reason, so a reason leaves the list by being taken out of use.
BLOCKAGE_REASONS = [
    "early_help.add_blockagereason",
    "early_help.change_blockagereason",
    "early_help.view_blockagereason",
]

# Reference data about towns: sectors are edited inline on their locality, so the
# locality's own permissions cover them. Nothing here opens a request or feedback.
LOCALITY_DATA = [
    "early_help.add_locality",
    "early_help.change_locality",
    "early_help.view_locality",
    "early_help.add_neighbouringcouncil",
    "early_help.change_neighbouringcouncil",
    "early_help.delete_neighbouringcouncil",
    "early_help.view_neighbouringcouncil",
    "early_help.add_leadagency",
    "early_help.change_leadagency",
    "early_help.view_leadagency",
    *BLOCKAGE_REASONS,
]

# Case-management systems' access to the API (early_help.api_clients): administrators only.
API_CLIENTS = [
    "early_help.add_apiclient",
    "early_help.change_apiclient",
    "early_help.view_apiclient",
]

# MASH duty's opening hours and where urgent alerts go (early_help.MashDutySettings).
MASH_DUTY_SETTINGS = ["early_help.change_mashdutysettings"]

ROLE_PERMISSIONS = {
    StaffRole.LOCALITY_WORKER: [ADMIN, WORK],
    StaffRole.LOCALITY_MANAGER: [ADMIN, WORK, ASSIGN, REPORTS, EXPORT],
    StaffRole.MASH_DUTY: [ADMIN, WORK, ASSIGN, MASH],
    StaffRole.SERVICE_MANAGER: [ADMIN, VIEW_ALL, ROUTE, REPORTS, EXPORT, *MASH_DUTY_SETTINGS],
    StaffRole.COMMS_EDITOR: COMMS,
    StaffRole.COMMS_APPROVER: COMMS,
    StaffRole.LOCALITY_DATA_EDITOR: [ADMIN, *LOCALITY_DATA],
    StaffRole.ADMINISTRATOR: [
        *(ADMIN, VIEW_ALL, WORK, ASSIGN, MASH, ROUTE, REPORTS, EXPORT, AUDIT),
        *MASH_DUTY_SETTINGS,
        *API_CLIENTS,
        *BLOCKAGE_REASONS,
    ],
    StaffRole.REGION_MANAGER: [ADMIN, REGION_REPORTS],
}

# Wagtail page permissions on the root page, so they cover every language's tree. Editors
# without "publish" submit for moderation; approvers publish, schedule and approve.
ROLE_PAGE_PERMISSIONS = {
    StaffRole.COMMS_EDITOR: ["add_page", "change_page"],
    StaffRole.COMMS_APPROVER: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    ],
}

# Images and documents, on the root collection (and so every collection under it).
MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
ROLE_COLLECTION_PERMISSIONS = {
    StaffRole.COMMS_EDITOR: MEDIA,
    StaffRole.COMMS_APPROVER: MEDIA,
}

PAGE_PERMISSIONS = {
    role: [f"wagtailcore.{codename}" for codename in codenames]
    for role, codenames in ROLE_PAGE_PERMISSIONS.items()
}

# Groups that approve pages in the default workflow (the one on the root page).
APPROVER_ROLES = [StaffRole.COMMS_APPROVER]
DEFAULT_WORKFLOW_NAME = "Comms approval"


def _permissions_ensure(using: str) -> None:
    """Create every installed app's permissions now: post_migrate reaches this app first
    (it is first in INSTALLED_APPS), before Django has made the later apps' permissions."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    if apps.is_installed("wagtail_localize"):
        # wagtail_localize makes this one in a migration, not from a model: rebuild it the
        # same way when a flushed (test) database has lost it.
        content_type, _created = ContentType.objects.db_manager(using).get_or_create(
            app_label="wagtail_localize", model="translation"
        )
        Permission.objects.db_manager(using).get_or_create(
            content_type=content_type,
            codename="submit_translation",
            defaults={"name": "Can submit translations"},
        )


def _permission_objects(dotted_names, using: str) -> dict:
    """Map each "app_label.codename" to its Permission; raise if any is unknown."""
    from django.contrib.auth.models import Permission

    wanted = set(dotted_names)
    found = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.using(using)
        .filter(codename__in={name.split(".", 1)[1] for name in wanted})
        .values_list("pk", "content_type__app_label", "codename")
    }
    unknown = sorted(wanted - set(found))
    if unknown:
        raise ImproperlyConfigured(
            "early_help/staff_access/roles.py names permissions that no installed app "
            f"defines: {', '.join(unknown)}. Fix the roles file."
        )
    return {name: found[name] for name in wanted}


def _permission_ids(using: str) -> dict:
    """Every permission the roles file names, by "app_label.codename". Makes the installed
    apps' permissions first when some are missing (a fresh or flushed database)."""
    names = {
        name
        for table in (ROLE_PERMISSIONS, PAGE_PERMISSIONS, ROLE_COLLECTION_PERMISSIONS)
        for names in table.values()
        for name in names
    }
    try:
        return _permission_objects(names, using)
    except ImproperlyConfigured:
        _permissions_ensure(using)
        return _permission_objects(names, using)


def _owned_sync(
    *, groups: dict, listed: dict, permission_ids: dict, manager, target, owns: dict | None = None
) -> None:
    """For each role's group, add the grants it lists and remove the owned ones it does not
    list, on one target (page or collection). `manager` is GroupPagePermission's or
    GroupCollectionPermission's; `target` is a dict naming the page or collection. What
    the file owns is `owns` (default: `listed`)."""
    owned = {permission_ids[name] for names in (owns or listed).values() for name in names}
    for role, group in groups.items():
        wanted = {permission_ids[name] for name in listed.get(role, [])}
        have = set(
            manager.filter(group=group, permission_id__in=owned, **target).values_list(
                "permission_id", flat=True
            )
        )
        for permission_id in wanted - have:
            manager.create(group=group, permission_id=permission_id, **target)
        manager.filter(group=group, permission_id__in=have - wanted, **target).delete()


def _councils_with_sites(using: str):
    from django.apps import apps

    council_model = apps.get_model("early_help", "Council")
    return council_model.objects.using(using).filter(site__isnull=False)


def _page_permissions_sync(groups: dict, ids: dict, using: str) -> None:
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:  # a flushed test database, before a test builds its page tree
        return
    # Once several councils have sites of their own, comms staff edit pages through their
    # council's groups (`council_page_groups_sync`), never the whole tree.
    by_council = _councils_with_sites(using).count() > 1
    _owned_sync(
        groups=groups,
        listed={} if by_council else PAGE_PERMISSIONS,
        owns=PAGE_PERMISSIONS,
        permission_ids=ids,
        manager=GroupPagePermission.objects.using(using),
        target={"page": root},
    )


def _collection_permissions_sync(groups: dict, ids: dict, using: str) -> None:
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    _owned_sync(
        groups=groups,
        listed=ROLE_COLLECTION_PERMISSIONS,
        permission_ids=ids,
        manager=GroupCollectionPermission.objects.using(using),
        target={"collection": root},
    )


def _default_workflow_sync(groups: dict, using: str) -> None:
    """Make the approvers approve in the workflow on the root page.

    Wagtail's migrations give the root page a "Moderators approval" workflow whose group
    nobody is in, so only a superuser could approve. Our approvers join its approval tasks
    (the Moderators group stays). A database with no workflow at all (a flushed test
    database) gets one like it; an administrator who takes the workflow off the root page
    has chosen that, and it stays off.
    """
    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

    root = Page.get_first_root_node()
    if root is None:
        return
    if not Workflow.objects.using(using).exists():
        task = GroupApprovalTask.objects.using(using).create(name=DEFAULT_WORKFLOW_NAME)
        workflow = Workflow.objects.using(using).create(name=DEFAULT_WORKFLOW_NAME, active=True)
        WorkflowTask.objects.using(using).create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.using(using).create(workflow=workflow, page=root)
    on_root = WorkflowPage.objects.using(using).filter(page=root).first()
    if on_root is None:
        return
    approvers = [groups[role] for role in APPROVER_ROLES]
    for task in GroupApprovalTask.objects.using(using).filter(
        workflow_tasks__workflow_id=on_root.workflow_id
    ):
        task.groups.add(*approvers)


# The roles whose page permissions are per council once councils have sites.
COUNCIL_PAGE_ROLES = [StaffRole.COMMS_EDITOR, StaffRole.COMMS_APPROVER]


def council_group_name(role: StaffRole, council) -> str:
    """A council's own group for a comms role, for example "Comms editor · dudley"."""
    return f"{role.value} · {council.slug}"


def council_page_groups_sync(council, *, using: str = "default") -> None:
    """Give the council's comms groups the page permissions of their role on the council's
    site (its home page in every language) and nowhere else, and make their members the
    role's members who belong to the council. A council without a site grants none."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, Page

    ids = _permission_ids(using)
    owned = {ids[name] for names in PAGE_PERMISSIONS.values() for name in names}
    roots = []
    if council.site_id is not None:
        home = Page.objects.using(using).get(pk=council.site.root_page_id)
        roots = list(home.get_translations(inclusive=True))
    manager = GroupPagePermission.objects.using(using)
    with transaction.atomic(using=using):
        for role in COUNCIL_PAGE_ROLES:
            group, _created = Group.objects.using(using).get_or_create(
                name=council_group_name(role, council)
            )
            manager.filter(group=group, permission_id__in=owned).exclude(page__in=roots).delete()
            wanted = {ids[name] for name in PAGE_PERMISSIONS[role]}
            for root in roots:
                have = set(
                    manager.filter(group=group, page=root, permission_id__in=owned).values_list(
                        "permission_id", flat=True
                    )
                )
                for permission_id in wanted - have:
                    manager.create(group=group, page=root, permission_id=permission_id)
                manager.filter(group=group, page=root, permission_id__in=have - wanted).delete()
            members = (
                get_user_model()
                .objects.using(using)
                .filter(groups__name=role.value, council_memberships__council=council)
            )
            group.user_set.set(members)


def roles_sync(*, using: str = "default", **kwargs) -> None:
    """Create the role groups and give each what this file lists, leaving grants the file
    does not own untouched. Safe to run again. Raises ImproperlyConfigured when the file
    names a permission that does not exist."""
    from django.contrib.auth.models import Group

    ids = _permission_ids(using)
    owned = {ids[name] for names in ROLE_PERMISSIONS.values() for name in names}
    with transaction.atomic(using=using):
        groups = {}
        for role, dotted in ROLE_PERMISSIONS.items():
            group, _created = Group.objects.using(using).get_or_create(name=role.value)
            groups[role] = group
            wanted = {ids[name] for name in dotted}
            have = set(group.permissions.filter(pk__in=owned).values_list("pk", flat=True))
            group.permissions.add(*(wanted - have))
            group.permissions.remove(*(have - wanted))
        _page_permissions_sync(groups, ids, using)
        _collection_permissions_sync(groups, ids, using)
        _default_workflow_sync(groups, using)
    from wagtail.models import Page

    if Page.get_first_root_node() is not None:
        for council in _councils_with_sites(using).select_related("site"):
            council_page_groups_sync(council, using=using)
