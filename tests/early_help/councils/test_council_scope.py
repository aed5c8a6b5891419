"""The authorisation matrix across councils: Dudley's staff never see a Sandwell request,
its feedback or its history anywhere, on our screens, on Wagtail's own, in any export or
through the API."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from early_help.api_clients import selectors as api_selectors
from early_help.api_clients import services as api_services
from early_help.api_clients.forms import ApiClientForm
from early_help.models import ApiAccess, HelpRequest
from early_help.outgoing_webhooks.selectors import client_sees_feedback, client_sees_help_request
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue.selectors import assignable_workers
from early_help.texts import services as text_services
from tests.factories import login_with_mfa, staff_member

pytestmark = pytest.mark.django_db

DUDLEY_ROLES = ["worker", "manager", "service_manager", "mash", "administrator"]
# What each Dudley role's queue shows of Dudley's own requests: proof the page works.
DUDLEY_SEES = {
    "worker": {"dudley_request"},
    "manager": {"dudley_request"},
    "service_manager": {"dudley_request", "dudley_mash"},
    "mash": {"dudley_mash"},
    "administrator": {"dudley_request", "dudley_mash"},
}
SANDWELL = ["sandwell_request", "sandwell_mash"]


def _signed_in(user) -> Client:
    client = Client()
    login_with_mfa(client, user)
    return client


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):  # an Excel workbook: every cell of every sheet
        workbook = load_workbook(io.BytesIO(content))
        return "\n".join(
            "\t".join("" if cell is None else str(cell) for cell in row)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return content.decode("utf-8-sig")


def _leaks(text: str, region) -> list[str]:
    """Anything of Sandwell's in `text`: its requests' references, its feedback, its town."""
    found = [key for key in SANDWELL if region[key].reference in text]
    if region["sandwell_feedback"].reference in text or "Scared in Oldbury" in text:
        found.append("feedback")
    return found


def test_each_request_belongs_to_its_towns_council(region):
    assert region["sandwell_request"].council == region["sandwell"]
    assert region["dudley_request"].council == region["dudley"]
    assert region["dudley_mash"].council == region["dudley"]


@pytest.mark.parametrize("role", DUDLEY_ROLES)
def test_a_dudley_member_of_staff_never_sees_a_sandwell_request_in_the_queue(region, role):
    user = region["people"][role]
    client = _signed_in(user)
    for params in ({}, {"urgent": "on"}, {"mash": "on"}, {"status": "submitted"}):
        html = client.get("/admin/help-requests/", params).content.decode()
        assert _leaks(html, region) == [], params
    html = client.get("/admin/help-requests/").content.decode()
    for key in DUDLEY_SEES[role]:
        assert region[key].reference in html
    visible = set(HelpRequest.objects.visible_to(user))
    assert visible == {region[key] for key in DUDLEY_SEES[role]}


@pytest.mark.parametrize("role", DUDLEY_ROLES)
def test_a_sandwell_requests_page_is_not_found_for_dudley_staff(region, role):
    client = _signed_in(region["people"][role])
    for key in SANDWELL:
        pk = region[key].pk
        assert client.get(f"/admin/help-requests/{pk}/").status_code == 404
        assert client.post(f"/admin/help-requests/{pk}/claim/").status_code == 404
    for key in DUDLEY_SEES[role]:
        assert client.get(f"/admin/help-requests/{region[key].pk}/").status_code == 200


@pytest.mark.parametrize("role", ["manager", "service_manager", "mash", "administrator"])
def test_dudley_staff_read_no_sandwell_feedback(region, role):
    client = _signed_in(region["people"][role])
    html = client.get(reverse("feedback:list")).content.decode()
    assert _leaks(html, region) == []
    assert region["dudley_feedback"].reference in html
    sandwell_feedback = region["sandwell_feedback"].pk
    assert client.get(reverse("feedback:detail", args=[sandwell_feedback])).status_code == 404
    report = client.get(reverse("feedback:report")).content.decode()
    assert "Oldbury" not in report


@pytest.mark.parametrize("role", ["manager", "service_manager", "administrator"])
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_dudley_reports_and_their_exports_hold_dudley_towns_only(region, role, export):
    client = _signed_in(region["people"][role])
    html = client.get("/admin/help-requests/reports/").content.decode()
    assert "Stourbridge" in html
    assert "Oldbury" not in html
    assert _leaks(html, region) == []
    report = _body(client.get("/admin/help-requests/reports/", {"format": export}))
    assert "Stourbridge" in report
    assert "Oldbury" not in report
    assert client.get("/admin/help-requests/reports/", {"locality": "oldbury"}).status_code == 404


@pytest.mark.parametrize("role", ["manager", "service_manager", "administrator"])
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_dudley_row_level_exports_hold_no_sandwell_request(region, role, export):
    client = _signed_in(region["people"][role])
    for params in ({"format": export}, {"format": export, "scope": "all"}):
        rows = _body(client.get("/admin/help-requests/export/", params))
        assert _leaks(rows, region) == []
        assert region["dudley_request"].reference in rows


@pytest.mark.parametrize("role", ["service_manager", "mash", "administrator"])
def test_with_two_councils_unmatched_replies_are_the_region_administrators_alone(region, role):
    text_services.sms_inbound(sender="+447700900999", body="Who is this?", sid="SM-unknown")
    html = _signed_in(region["people"][role]).get("/admin/help-requests/texts/").content.decode()
    assert "Who is this?" not in html
    sandwell_mash = _signed_in(region["sandwell_people"]["mash"])
    assert "Who is this?" not in sandwell_mash.get("/admin/help-requests/texts/").content.decode()
    superuser = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
    assert (
        "Who is this?" in _signed_in(superuser).get("/admin/help-requests/texts/").content.decode()
    )


def test_a_dudley_administrators_audit_export_holds_nothing_of_sandwell(region):
    today = timezone.localdate().isoformat()
    params = {"start": today, "end": today, "format": "csv"}
    dudley = _body(_signed_in(region["people"]["administrator"]).get("/admin/audit-trail/", params))
    assert _leaks(dudley, region) == []
    assert region["dudley_request"].reference in dudley
    superuser = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
    everything = _body(_signed_in(superuser).get("/admin/audit-trail/", params))
    assert region["sandwell_request"].reference in everything


@pytest.mark.parametrize("role", DUDLEY_ROLES)
@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_wagtails_site_history_and_its_exports_hold_no_sandwell_request(region, role, export):
    client = _signed_in(region["people"][role])
    params = {"export": export} if export else {}
    text = _body(client.get("/admin/reports/site-history/", params))
    assert _leaks(text, region) == []
    for key in DUDLEY_SEES[role]:
        assert region[key].reference in text


def test_only_a_councils_own_workers_can_be_given_its_requests(region):
    dudley_people = set(region["people"].values())
    for key in SANDWELL:
        assert not dudley_people & set(assignable_workers(region[key]))
    assert set(assignable_workers(region["sandwell_mash"])) == {region["sandwell_people"]["mash"]}
    assert set(assignable_workers(region["dudley_mash"])) == {region["people"]["mash"]}
    assert region["people"]["worker"] in set(assignable_workers(region["dudley_request"]))
    assert region["sandwell_people"]["worker"] not in set(
        assignable_workers(region["dudley_request"])
    )


@pytest.fixture
def dudley_client(region):
    return api_services.api_client_create(
        user=staff_member(StaffRole.ADMINISTRATOR, is_superuser=True),
        name="Dudley EHM",
        council=region["dudley"],
        localities=[region["stourbridge"]],
        sees_mash_queue=True,
        access=ApiAccess.READ_WRITE,
        rate_limit_per_minute=1000,
    )


def test_a_dudley_case_system_gets_404_for_every_sandwell_request(
    region, dudley_client, client, monkeypatch
):
    monkeypatch.setattr(api_selectors, "SETTLE", timedelta(0))  # list changes at once
    _api_client, token = dudley_client
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for key in SANDWELL:
        response = client.get(f"/api/v1/help-requests/{region[key].pk}", **headers)
        assert response.status_code == 404
    for key in ("dudley_request", "dudley_mash"):
        response = client.get(f"/api/v1/help-requests/{region[key].pk}", **headers)
        assert response.status_code == 200
    listed = client.get("/api/v1/help-requests?limit=1000", **headers).content.decode()
    assert _leaks(listed, region) == []
    assert region["dudley_request"].reference in listed


def test_a_dudley_case_system_cannot_be_given_a_sandwell_town(region, dudley_client):
    api_client, _token = dudley_client
    with pytest.raises(ValidationError):
        api_services.api_client_update(
            user=staff_member(StaffRole.ADMINISTRATOR, is_superuser=True),
            client=api_client,
            name=api_client.name,
            council=region["dudley"],
            localities=[region["stourbridge"], region["oldbury"]],
            sees_mash_queue=True,
            access=ApiAccess.READ,
            rate_limit_per_minute=100,
        )
    form = ApiClientForm(
        {
            "name": "Mixed",
            "council": region["dudley"].pk,
            "localities": [region["stourbridge"].pk, region["oldbury"].pk],
            "access": ApiAccess.READ,
            "rate_limit_per_minute": 100,
        }
    )
    assert not form.is_valid()
    assert "Oldbury" in str(form.errors["localities"])


def test_a_dudley_case_systems_webhooks_hear_nothing_of_sandwell(region, dudley_client):
    api_client, _token = dudley_client
    for key in SANDWELL:
        assert not client_sees_help_request(api_client, region[key])
    assert client_sees_help_request(api_client, region["dudley_mash"])
    assert not client_sees_feedback(api_client, region["sandwell_feedback"])
    assert client_sees_feedback(api_client, region["dudley_feedback"])


def test_a_councils_administrator_manages_its_own_case_systems_only(region, dudley_client):
    api_client, _token = dudley_client
    sandwell_admin = staff_member(StaffRole.ADMINISTRATOR, council=region["sandwell"])
    client = _signed_in(sandwell_admin)
    assert "Dudley EHM" not in client.get("/admin/api-clients/").content.decode()
    assert client.get(f"/admin/api-clients/{api_client.pk}/").status_code == 404
    assert client.post(f"/admin/api-clients/{api_client.pk}/revoke/").status_code == 404
    response = client.post(
        "/admin/api-clients/new/",
        {
            "name": "Sneaky",
            "council": region["dudley"].pk,
            "localities": [region["stourbridge"].pk],
            "access": ApiAccess.READ,
            "rate_limit_per_minute": 100,
        },
    )
    assert response.status_code == 200  # the form again, with its errors
    assert not api_client.__class__.objects.filter(name="Sneaky").exists()


def test_a_dudley_locality_data_editor_edits_dudleys_towns_only(region):
    editor = _signed_in(staff_member(StaffRole.LOCALITY_DATA_EDITOR, council=region["dudley"]))
    listing = editor.get("/admin/snippets/early_help/locality/").content.decode()
    assert "Stourbridge" in listing
    assert "Oldbury" not in listing
    oldbury, stourbridge = region["oldbury"].pk, region["stourbridge"].pk
    assert editor.get(f"/admin/snippets/early_help/locality/edit/{oldbury}/").status_code == 404
    edit_oldbury = f"/admin/snippets/early_help/locality/edit/{oldbury}/"
    assert editor.post(edit_oldbury, {"name": "Taken"}).status_code == 404
    assert region["oldbury"].__class__.objects.get(pk=oldbury).name == "Oldbury"
    assert editor.get(f"/admin/snippets/early_help/locality/edit/{stourbridge}/").status_code == 200
