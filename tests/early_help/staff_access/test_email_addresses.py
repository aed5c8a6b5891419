"""Email addresses are verified only when an administrator sets them (Wagtail's Users
screens, `create_staff`), never when staff change their own address."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from early_help.staff_access.roles import StaffRole
from tests.factories import UserFactory, login_with_mfa, staff_member

pytestmark = pytest.mark.django_db


def _verified(user, email) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@pytest.fixture
def admin_client():
    client = Client()
    login_with_mfa(client, staff_member(StaffRole.ADMINISTRATOR, is_superuser=True))
    return client


def _user_form(client, url) -> dict:
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value in (None, False):
            continue
        if hasattr(value, "all"):
            value = value.all()
        if isinstance(value, (list, tuple)) or hasattr(value, "model"):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = value
    return data


def test_a_user_an_administrator_creates_in_wagtail_has_a_verified_address(admin_client):
    data = _user_form(admin_client, "/admin/users/new/")
    data.update(
        username="nia.jones@example.org",
        email="nia.jones@example.org",
        first_name="Nia",
        last_name="Jones",
        is_active="on",
        password1="a long invented passphrase",
        password2="a long invented passphrase",
    )
    response = admin_client.post("/admin/users/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    user = get_user_model().objects.get(email="nia.jones@example.org")
    assert EmailAddress.objects.get(user=user, primary=True).verified


def test_an_address_an_administrator_changes_in_wagtail_is_verified(admin_client):
    user = UserFactory(email="old.address@example.org")
    url = f"/admin/users/edit/{user.pk}/"
    data = _user_form(admin_client, url)
    data["email"] = "new.address@example.org"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    primary = EmailAddress.objects.get(user=user, primary=True)
    assert (primary.email, primary.verified) == ("new.address@example.org", True)


def test_staff_who_change_their_own_address_do_not_get_it_verified():
    worker = staff_member(StaffRole.LOCALITY_WORKER, email="amrit@example.org")
    client = Client()
    login_with_mfa(client, worker)
    data = {
        "name_email-first_name": "Amrit",
        "name_email-last_name": "Sandhu",
        "name_email-email": "amrit.own@example.org",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-contrast": "system",
        "theme-density": "default",
    }
    response = client.post("/admin/account/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    worker.refresh_from_db()
    assert worker.email == "amrit.own@example.org"  # Wagtail saved it...
    assert not _verified(worker, "amrit.own@example.org")  # ...but nobody vouched for it


def test_an_administrator_editing_a_name_does_not_verify_an_address_staff_chose(admin_client):
    user = staff_member(StaffRole.LOCALITY_WORKER, email="kasia@example.org")
    user.email = "kasia.own@example.org"  # changed in their own account settings
    user.save()
    url = f"/admin/users/edit/{user.pk}/"
    data = _user_form(admin_client, url)
    data["first_name"] = "Katarzyna"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert not _verified(user, "kasia.own@example.org")


def test_the_create_staff_command_gives_a_verified_address(locality):
    call_command(
        "create_staff",
        "new.worker@example.org",
        "--first-name",
        "Nia",
        "--last-name",
        "Jones",
        "--role",
        "Locality worker",
        stdout=StringIO(),
    )
    user = get_user_model().objects.get(email="new.worker@example.org")
    assert EmailAddress.objects.get(user=user, primary=True).verified
