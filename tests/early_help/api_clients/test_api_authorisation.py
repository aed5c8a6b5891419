"""Who may call what: a client sees its towns' requests as their locality workers would,
never another town's and never what MASH duty holds; tokens that were rotated away or
revoked are refused; read-only clients cannot record."""

import pytest

from early_help.api_clients import services as api_services
from early_help.models import ApiAccess, AuditRecord, Feedback, HelpRequest, HelpRequestStatus
from early_help.staff_access.models import AuditSubject

from .conftest import bearer, make_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_settle")]

# Every operation on one request, with a body that is valid for a fresh request.
ONE_REQUEST_OPERATIONS = [
    ("get", "/api/v1/help-requests/{pk}", None),
    ("post", "/api/v1/help-requests/{pk}/import", {"case_reference": "EHM-1"}),
    ("post", "/api/v1/help-requests/{pk}/status", {"status": "triaged"}),
    ("post", "/api/v1/help-requests/{pk}/lead", {"agency_id": 0, "practitioner": "Ann Lee"}),
    ("post", "/api/v1/help-requests/{pk}/contacts", {"made_contact": True}),
]
RECORDING = [
    op for op in ONE_REQUEST_OPERATIONS if op[1].rsplit("/", 1)[1] in {"status", "lead", "contacts"}
]
EVERY_OPERATION = [
    ("get", "/api/v1/help-requests", None),
    *ONE_REQUEST_OPERATIONS,
    ("get", "/api/v1/lead-agencies", None),
    ("get", "/api/v1/feedback-summaries", None),
    ("get", "/api/v1/town-figures", None),
]


def _call(client, method, path, body, token, pk, agency=None):
    path = path.format(pk=pk)
    headers = bearer(token) if token is not None else {}
    if body is not None and "agency_id" in body and agency is not None:
        body = {**body, "agency_id": agency.pk}
    if method == "get":
        return client.get(path, **headers)
    return client.post(path, body, content_type="application/json", **headers)


def _listed(client, token) -> set[str]:
    response = client.get("/api/v1/help-requests?limit=1000", **bearer(token))
    assert response.status_code == 200
    return {item["reference"] for item in response.json()["items"]}


def test_a_tipton_client_lists_tiptons_requests_only(
    client, tipton_client, tipton_request, oldbury_request, mash_request
):
    assert _listed(client, tipton_client[1]) == {tipton_request.reference}


@pytest.mark.parametrize(("method", "path", "body"), ONE_REQUEST_OPERATIONS)
@pytest.mark.parametrize("out_of_scope", ["oldbury_request", "mash_request"])
def test_a_tipton_client_gets_404_for_oldbury_and_mash_requests_on_every_operation(
    client, request, tipton_client, agency, method, path, body, out_of_scope
):
    help_request = request.getfixturevalue(out_of_scope)
    before = HelpRequest.objects.get(pk=help_request.pk)
    events = help_request.events.count()

    response = _call(client, method, path, body, tipton_client[1], help_request.pk, agency)

    assert response.status_code == 404
    after = HelpRequest.objects.get(pk=help_request.pk)
    assert (after.status, after.case_reference, after.lead_practitioner) == (
        before.status,
        before.case_reference,
        before.lead_practitioner,
    )
    assert help_request.events.count() == events


@pytest.mark.parametrize(("method", "path", "body"), ONE_REQUEST_OPERATIONS)
def test_a_tipton_client_may_do_everything_to_a_tipton_request(
    client, tipton_client, tipton_request, agency, method, path, body
):
    response = _call(client, method, path, body, tipton_client[1], tipton_request.pk, agency)
    assert response.status_code == 200, response.json()
    assert response.json()["reference"] == tipton_request.reference


def test_a_request_passed_to_mash_leaves_the_towns_client_and_reaches_mashs_own(
    client, administrator, tipton, tipton_client, tipton_request
):
    mash_client = make_client(administrator, [], mash=True)
    HelpRequest.objects.filter(pk=tipton_request.pk).update(
        in_mash_queue=True, safeguarding_flag=True
    )
    path = f"/api/v1/help-requests/{tipton_request.pk}"
    assert client.get(path, **bearer(tipton_client[1])).status_code == 404
    assert client.get(path, **bearer(mash_client[1])).status_code == 200
    assert _listed(client, mash_client[1]) == {tipton_request.reference}


@pytest.mark.parametrize(("method", "path", "body"), RECORDING)
def test_a_read_only_client_gets_403_when_it_tries_to_record(
    client, reader, tipton_request, agency, method, path, body
):
    response = _call(client, method, path, body, reader[1], tipton_request.pk, agency)

    assert response.status_code == 403
    tipton_request.refresh_from_db()
    assert tipton_request.status == HelpRequestStatus.SUBMITTED
    assert tipton_request.lead_practitioner == ""
    assert tipton_request.first_contact_at is None


def test_a_read_only_client_may_read_and_acknowledge_an_import(client, reader, tipton_request):
    token = reader[1]
    assert (
        client.get(f"/api/v1/help-requests/{tipton_request.pk}", **bearer(token)).status_code == 200
    )
    response = client.post(
        f"/api/v1/help-requests/{tipton_request.pk}/import",
        {"case_reference": "EHM-77"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 200
    assert response.json()["case_reference"] == "EHM-77"


@pytest.mark.parametrize(("method", "path", "body"), EVERY_OPERATION)
@pytest.mark.parametrize("token_kind", ["none", "unknown", "revoked", "rotated_away"])
def test_a_missing_unknown_revoked_or_rotated_token_gets_401_on_every_operation(
    client, administrator, tipton_client, tipton_request, agency, method, path, body, token_kind
):
    api_client, token = tipton_client
    if token_kind == "none":
        token = None
    elif token_kind == "unknown":
        token = "fv_" + "x" * 43
    elif token_kind == "revoked":
        api_services.api_client_revoke(user=administrator, client=api_client)
    else:
        api_services.api_client_token_rotate(user=administrator, client=api_client)

    response = _call(client, method, path, body, token, tipton_request.pk, agency)

    assert response.status_code == 401


def test_a_rotated_client_works_with_its_new_token(
    client, administrator, tipton_client, tipton_request
):
    new_token = api_services.api_client_token_rotate(user=administrator, client=tipton_client[0])
    assert _listed(client, new_token) == {tipton_request.reference}


def test_a_revoked_clients_account_is_switched_off(administrator, tipton_client):
    api_client = tipton_client[0]
    api_services.api_client_revoke(user=administrator, client=api_client)
    api_client.service_user.refresh_from_db()
    assert not api_client.service_user.is_active
    assert not HelpRequest.objects.visible_to(api_client.service_user).exists()


def test_changing_a_clients_towns_changes_what_it_sees(
    client, administrator, tipton, oldbury, tipton_client, tipton_request, oldbury_request
):
    api_client, token = tipton_client
    api_services.api_client_update(
        user=administrator,
        client=api_client,
        name=api_client.name,
        localities=[oldbury],
        sees_mash_queue=False,
        access=ApiAccess.READ_WRITE,
        rate_limit_per_minute=100,
    )
    assert _listed(client, token) == {oldbury_request.reference}
    assert (
        client.get(f"/api/v1/help-requests/{tipton_request.pk}", **bearer(token)).status_code == 404
    )


def test_the_service_account_cannot_sign_in_reach_the_admin_or_be_assigned_work(
    tipton_client, tipton_request
):
    from early_help.staff_queue.selectors import assignable_workers

    user = tipton_client[0].service_user
    assert not user.has_usable_password()
    assert not user.has_perm("wagtailadmin.access_admin")
    assert not user.is_staff
    assert not user.is_superuser
    assert user not in assignable_workers(tipton_request)


def test_figures_and_feedback_cover_the_clients_towns_only(
    client, tipton, oldbury, tipton_client, tipton_request, oldbury_request
):
    Feedback.objects.create(
        journey="family",
        about_role="early_help_worker",
        team=tipton,
        trust=4,
        anonymous=True,
        going_well="Private words",
        approved_to_quote=False,
    )
    Feedback.objects.create(
        journey="family",
        about_role="early_help_worker",
        team=tipton,
        trust=2,
        anonymous=True,
        quote="She listened.",
        approved_to_quote=True,
    )
    Feedback.objects.create(journey="family", about_role="early_help_worker", team=oldbury, trust=1)
    token = tipton_client[1]

    figures = client.get("/api/v1/town-figures", **bearer(token)).json()
    feedback = client.get("/api/v1/feedback-summaries", **bearer(token)).json()

    assert [row["locality"] for row in figures] == ["Tipton"]
    assert figures[0]["open"] == 1
    assert [row["town"] for row in feedback] == ["tipton"]
    assert feedback[0]["count"] == 2
    assert feedback[0]["averages"]["trust"] == 3
    assert feedback[0]["approved_quotes"] == ["She listened."]
    assert "Private words" not in str(feedback)


def test_every_read_is_audited_with_the_client_and_what_it_returned(
    client, tipton_client, tipton_request
):
    api_client, token = tipton_client
    client.get("/api/v1/help-requests", **bearer(token))
    client.get(f"/api/v1/help-requests/{tipton_request.pk}", **bearer(token))

    listed = AuditRecord.objects.get(subject=AuditSubject.QUEUE)
    assert listed.user == api_client.service_user
    assert listed.details["references"] == [tipton_request.reference]
    assert listed.details["api_client_name"] == api_client.name
    viewed = AuditRecord.objects.get(subject=AuditSubject.HELP_REQUEST)
    assert (viewed.user, viewed.help_request, viewed.action) == (
        api_client.service_user,
        tipton_request,
        "viewed",
    )
