"""The roles file: what `roles_sync` (run after every migrate) gives each role, and what it
leaves alone."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import GroupApprovalTask, Page, WorkflowPage

from early_help.staff_access import roles
from early_help.staff_access.roles import StaffRole, roles_sync
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _group(role: StaffRole) -> Group:
    return Group.objects.get(name=role.value)


def test_a_grant_an_administrator_added_by_hand_survives_the_next_migrate():
    roles_sync()
    workers = _group(StaffRole.LOCALITY_WORKER)
    redirects = _permission("wagtailredirects.add_redirect")  # the roles file never names it
    workers.permissions.add(redirects)

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert workers.permissions.filter(pk=redirects.pk).exists()


def test_a_permission_the_roles_file_owns_is_taken_from_a_role_that_does_not_list_it():
    roles_sync()
    workers = _group(StaffRole.LOCALITY_WORKER)
    workers.permissions.add(_permission(roles.EXPORT))

    roles_sync()

    assert not workers.permissions.filter(codename="export_help_requests").exists()
    assert workers.permissions.filter(codename="work_on_help_request").exists()


def test_an_unknown_codename_in_the_roles_file_fails_loudly(monkeypatch):
    monkeypatch.setitem(
        roles.ROLE_PERMISSIONS,
        StaffRole.COMMS_EDITOR,
        [*roles.COMMS, "early_help.change_smstemplates"],  # a typo
    )
    with pytest.raises(ImproperlyConfigured, match=r"early_help\.change_smstemplates"):
        roles_sync()


def test_migrating_a_fresh_database_gives_every_role_its_permissions():
    # On a fresh database Django makes an app's permissions after its migrations, app by
    # app, and early_help comes first: the roles must not miss the later apps' permissions.
    Permission.objects.filter(content_type__app_label__in=["early_help", "cms"]).delete()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    for role, dotted in roles.ROLE_PERMISSIONS.items():
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in _group(role).permissions.select_related("content_type")
        }
        assert set(dotted) <= held, role


def test_comms_editors_edit_pages_and_approvers_publish_them(home_page):
    roles_sync()
    editor = staff_member(StaffRole.COMMS_EDITOR)
    approver = staff_member(StaffRole.COMMS_APPROVER)
    worker = staff_member(StaffRole.LOCALITY_WORKER)

    editing = home_page.permissions_for_user(editor)
    assert editing.can_edit()
    assert not editing.can_publish()
    approving = home_page.permissions_for_user(approver)
    assert approving.can_edit()
    assert approving.can_publish()
    assert approving.can_unpublish()
    assert not home_page.permissions_for_user(worker).can_edit()


def test_the_default_workflows_approval_task_is_the_comms_approvers():
    roles_sync()
    root = Page.get_first_root_node()
    workflow = WorkflowPage.objects.get(page=root).workflow
    tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow)
    assert tasks.exists()
    for task in tasks:
        assert task.groups.filter(name=StaffRole.COMMS_APPROVER.value).exists()


def test_running_the_roles_file_twice_changes_nothing():
    roles_sync()
    before = {
        group.name: sorted(group.permissions.values_list("pk", flat=True))
        for group in Group.objects.all()
    }
    page_grants = sorted(
        Page.get_first_root_node().group_permissions.values_list("group_id", "permission_id")
    )

    roles_sync()

    assert before == {
        group.name: sorted(group.permissions.values_list("pk", flat=True))
        for group in Group.objects.all()
    }
    assert page_grants == sorted(
        Page.get_first_root_node().group_permissions.values_list("group_id", "permission_id")
    )
