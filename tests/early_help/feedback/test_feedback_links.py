"""Managers revoke and reissue their own teams' feedback links; the old link then says
kindly that it no longer works."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import ModelLogEntry

from early_help.feedback import services
from early_help.models import AuditRecord, FeedbackLink
from early_help.staff_access.roles import StaffRole
from tests.factories import LocalityFactory, login_with_mfa, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(locality):
    return staff_member(StaffRole.LOCALITY_MANAGER, locality=locality)


def _signed_in(user) -> Client:
    client = Client()
    login_with_mfa(client, user)
    return client


def test_a_manager_revokes_their_teams_link_and_it_stops_working(
    client, feedback_page, feedback_link, manager
):
    staff = _signed_in(manager)
    response = staff.post(f"/admin/feedback/links/{feedback_link.pk}/revoke/")
    assert response.status_code == 302
    feedback_link.refresh_from_db()
    assert feedback_link.revoked
    assert "This link no longer works" in client.get(f"/feedback/w/{feedback_link.token}/").text
    assert AuditRecord.objects.filter(
        user=manager, summary=f"Revoked feedback link {feedback_link.pk}"
    ).exists()
    assert ModelLogEntry.objects.filter(
        object_id=str(feedback_link.pk), action="early_help.feedback_link_revoke", user=manager
    ).exists()


def test_reissuing_gives_a_new_working_link_and_the_old_one_stops(
    client, feedback_page, feedback_link, manager
):
    old_token = feedback_link.token
    services.feedback_link_revoke(link=feedback_link, user=manager)

    response = _signed_in(manager).post(f"/admin/feedback/links/{feedback_link.pk}/reissue/")

    assert response.status_code == 302
    feedback_link.refresh_from_db()
    assert feedback_link.token != old_token
    assert not feedback_link.revoked
    assert "This link no longer works" in client.get(f"/feedback/w/{old_token}/").text
    assert client.get(f"/feedback/w/{feedback_link.token}/")["Location"].endswith("/step/who/")
    assert AuditRecord.objects.filter(
        user=manager, summary=f"Reissued feedback link {feedback_link.pk}"
    ).exists()
    assert ModelLogEntry.objects.filter(
        object_id=str(feedback_link.pk), action="early_help.feedback_link_reissue"
    ).exists()


def test_the_feedback_screen_offers_managers_the_buttons(feedback_link, manager):
    html = _signed_in(manager).get("/admin/feedback/").text
    assert "Revoke Sam Green's link" in html
    assert "Reissue Sam Green's link" in html


def test_another_towns_manager_cannot_touch_the_link(feedback_link):
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    other = staff_member(StaffRole.LOCALITY_MANAGER, locality=tipton)

    response = _signed_in(other).post(f"/admin/feedback/links/{feedback_link.pk}/revoke/")

    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.feedback_link_reissue(link=feedback_link, user=other)
    feedback_link.refresh_from_db()
    assert not feedback_link.revoked


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (StaffRole.SERVICE_MANAGER, 403),  # sees every link, read only
        (StaffRole.LOCALITY_WORKER, 403),  # their own team's link: visible, not theirs to change
        (StaffRole.COMMS_EDITOR, 404),
        (StaffRole.LOCALITY_DATA_EDITOR, 404),
    ],
)
def test_other_roles_cannot_revoke_links(feedback_link, locality, role, status):
    user = staff_member(role, locality=locality if role == StaffRole.LOCALITY_WORKER else None)
    response = _signed_in(user).post(f"/admin/feedback/links/{feedback_link.pk}/revoke/")
    assert response.status_code == status
    assert not FeedbackLink.objects.get(pk=feedback_link.pk).revoked


def test_an_administrator_may_revoke_any_link(feedback_link):
    admin = staff_member(StaffRole.ADMINISTRATOR)  # the role, without superuser
    services.feedback_link_revoke(link=feedback_link, user=admin)
    assert FeedbackLink.objects.get(pk=feedback_link.pk).revoked


def test_an_unknown_link_action_is_not_found(feedback_link, manager):
    response = _signed_in(manager).post(f"/admin/feedback/links/{feedback_link.pk}/delete/")
    assert response.status_code == 404
