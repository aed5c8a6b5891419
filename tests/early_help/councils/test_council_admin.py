"""Councils and who belongs to them are the region's administrators' to manage."""

import pytest
from django.test import Client

from early_help.models import CouncilMembership
from early_help.staff_access.roles import StaffRole
from tests.factories import login_with_mfa, staff_member

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    login_with_mfa(client, user)
    return client


def test_a_region_administrator_adds_a_council_and_puts_staff_in_it(locality):
    superuser = _signed_in(staff_member(StaffRole.ADMINISTRATOR, is_superuser=True))
    assert superuser.get("/admin/councils/").status_code == 200
    response = superuser.post(
        "/admin/councils/new/",
        {
            "name": "Dudley Council",
            "short_name": "Dudley",
            "slug": "dudley",
            "contact_phone": "01384 496 000",
            "brand_colour": "#1d70b8",
            "first_contact_working_days": 2,
            "mash_triage_working_days": 1,
            "sort_order": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    from early_help.models import Council

    dudley = Council.objects.get(slug="dudley")
    worker = staff_member(StaffRole.LOCALITY_WORKER, council=locality.council)
    response = superuser.post(
        "/admin/council_memberships/new/", {"user": worker.pk, "council": dudley.pk}
    )
    assert response.status_code == 302
    assert set(Council.objects.of(worker)) == {locality.council, dudley}


@pytest.mark.parametrize("role", [StaffRole.ADMINISTRATOR, StaffRole.SERVICE_MANAGER])
def test_a_councils_own_staff_cannot_change_councils_or_memberships(locality, role):
    client = _signed_in(staff_member(role))
    for url in ("/admin/councils/", "/admin/councils/new/", "/admin/council_memberships/new/"):
        response = client.get(url)
        assert response.status_code in {302, 403}, url
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
    assert not CouncilMembership.objects.filter(council__slug="dudley").exists()
