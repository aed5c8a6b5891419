"""Staff sign-in: allauth, MFA required for the admin, no back door through Wagtail."""

import time

import pytest
from django.test import Client

from early_help.staff_access.roles import StaffRole
from early_help.staff_access.sign_in import LAST_SEEN_SESSION_KEY
from tests.factories import login_with_mfa, staff_member, totp_code, totp_enable

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def worker(locality):
    return staff_member(StaffRole.LOCALITY_WORKER, locality=locality, email="amrit@example.org")


def _password_login(client, email):
    return client.post("/accounts/login/", {"login": email, "password": PASSWORD})


def test_wagtails_own_login_page_sends_people_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/help-requests/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/help-requests/"


def test_posting_to_wagtails_login_cannot_sign_anyone_in(client, worker):
    client.post("/admin/login/", {"username": worker.username, "password": PASSWORD})
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_worker_without_mfa_must_set_it_up_before_any_admin_page(client, worker):
    response = _password_login(client, "amrit@example.org")
    assert response.status_code == 302
    for path in ["/admin/", "/admin/help-requests/", "/admin/pages/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_with_mfa_the_password_alone_does_not_sign_in(client, worker):
    secret = totp_enable(worker)
    response = _password_login(client, "amrit@example.org")
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_session_that_did_not_use_mfa_is_asked_for_it_again(client, worker):
    totp_enable(worker)
    client.force_login(worker)  # as if signed in some other way
    response = client.get("/admin/help-requests/")
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")


def test_nobody_can_sign_up(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode()
    client.post(
        "/accounts/signup/", {"email": "new@example.org", "password1": "a-long-password-123"}
    )
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="new@example.org").exists()


def test_staff_cannot_delete_their_last_authenticator(client, worker):
    from allauth.mfa.models import Authenticator

    from early_help.staff_access.sign_in import StaffMFAAdapter

    totp_enable(worker)
    totp = Authenticator.objects.get(user=worker, type=Authenticator.Type.TOTP)
    assert not StaffMFAAdapter().can_delete_authenticator(totp)


def test_staff_sessions_end_after_30_minutes_idle(client, worker):
    login_with_mfa(client, worker)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_staff_sessions_end_when_the_browser_closes(client, worker):
    login_with_mfa(client, worker)
    response = client.get("/admin/")
    assert response.cookies["sessionid"]["expires"] == ""
    assert response.cookies["sessionid"]["max-age"] == ""


def test_repeated_wrong_passwords_are_rate_limited(client, worker):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "amrit@example.org", "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "amrit@example.org", "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_dev_exempt_demo_users_skip_mfa_but_only_when_listed(settings, worker):
    settings.FAMILY_VOICE_MFA_EXEMPT_EMAILS = ["amrit@example.org"]
    client = Client()
    client.force_login(worker)
    assert client.get("/admin/").status_code == 200
    settings.FAMILY_VOICE_MFA_EXEMPT_EMAILS = []
    assert client.get("/admin/").status_code == 302


def test_the_create_staff_command_provisions_a_member_of_staff(locality):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    out = StringIO()
    call_command(
        "create_staff",
        "new.worker@example.org",
        "--first-name",
        "Nia",
        "--last-name",
        "Jones",
        "--role",
        "Locality worker",
        "--locality",
        locality.slug,
        stdout=out,
    )
    user = get_user_model().objects.get(email="new.worker@example.org")
    assert user.groups.filter(name="Locality worker").exists()
    assert user.locality_memberships.filter(locality=locality).exists()
    assert not user.has_usable_password()
    assert "password" in out.getvalue().lower()
