"""Administrators manage API clients in the admin: the token is shown once, on the page
after creating or rotating, and never again; nobody else reaches these screens."""

import re

import pytest
from django.test import Client

from early_help.models import ApiClient
from early_help.staff_access.roles import StaffRole
from tests.factories import login_with_mfa, staff_member

from .conftest import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_settle")]

TOKEN = re.compile(r"fv_[A-Za-z0-9_-]{43}")


@pytest.fixture
def admin_browser(administrator):
    browser = Client()
    login_with_mfa(browser, administrator)
    return browser


def _create(admin_browser, tipton, **fields):
    return admin_browser.post(
        "/admin/api-clients/new/",
        {
            "name": "Liquidlogic EHM (Tipton)",
            "localities": [tipton.pk],
            "access": "read_write",
            "rate_limit_per_minute": "60",
            **fields,
        },
    )


def test_an_administrator_creates_a_client_and_sees_its_token_once(
    admin_browser, client, tipton, tipton_request
):
    response = _create(admin_browser, tipton)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = TOKEN.search(response.content.decode()).group()
    api_client = ApiClient.objects.get(name="Liquidlogic EHM (Tipton)")
    assert token.startswith(api_client.token_hint)
    assert token not in api_client.token_hash
    listing = admin_browser.get("/admin/api-clients/").content.decode()
    assert api_client.token_hint in listing
    assert token not in listing
    assert client.get("/api/v1/help-requests", **bearer(token)).status_code == 200


def test_a_client_that_would_see_nothing_is_refused_and_keeps_what_was_typed(admin_browser, tipton):
    response = _create(admin_browser, tipton, localities=[])
    assert response.status_code == 200
    assert "Choose at least one town" in response.content.decode()
    assert 'value="Liquidlogic EHM (Tipton)"' in response.content.decode()
    assert not ApiClient.objects.exists()


def test_rotating_shows_a_new_token_and_the_old_one_stops(admin_browser, client, tipton):
    old = TOKEN.search(_create(admin_browser, tipton).content.decode()).group()
    api_client = ApiClient.objects.get()

    response = admin_browser.post(f"/admin/api-clients/{api_client.pk}/rotate/")

    new = TOKEN.search(response.content.decode()).group()
    assert new != old
    assert client.get("/api/v1/lead-agencies", **bearer(old)).status_code == 401
    assert client.get("/api/v1/lead-agencies", **bearer(new)).status_code == 200


def test_revoking_stops_the_token(admin_browser, client, tipton):
    token = TOKEN.search(_create(admin_browser, tipton).content.decode()).group()
    api_client = ApiClient.objects.get()

    admin_browser.post(f"/admin/api-clients/{api_client.pk}/revoke/")

    assert client.get("/api/v1/lead-agencies", **bearer(token)).status_code == 401
    assert "Revoked" in admin_browser.get("/admin/api-clients/").content.decode()


@pytest.mark.parametrize(
    "role", [StaffRole.SERVICE_MANAGER, StaffRole.LOCALITY_MANAGER, StaffRole.MASH_DUTY]
)
def test_only_administrators_manage_clients(role, tipton, tipton_client):
    user = staff_member(role, locality=tipton)
    browser = Client()
    login_with_mfa(browser, user)
    api_client = tipton_client[0]
    assert browser.get("/admin/api-clients/").status_code == 403
    assert browser.post("/admin/api-clients/new/", {"name": "x"}).status_code == 403
    assert browser.post(f"/admin/api-clients/{api_client.pk}/rotate/").status_code == 403
    assert browser.post(f"/admin/api-clients/{api_client.pk}/revoke/").status_code == 403
    api_client.refresh_from_db()
    assert api_client.is_active
