"""The row-level export of requests: one row per request in the manager's scope, CSV or
Excel, formula cells made text, UK dates, audited, and only for roles that may export."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from early_help.asking_for_help import services as journey_services
from early_help.models import AuditAction, AuditRecord, HelpRequestStatus, LeadAgency
from early_help.staff_access.models import AuditSubject
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from tests.factories import (
    DraftFactory,
    LocalityFactory,
    complete_answers,
    login_with_mfa,
    staff_member,
)

pytestmark = pytest.mark.django_db

URL = "/admin/help-requests/export/"
FORMULA = '=HYPERLINK("https://evil.example.org","Click")'
URGENT = {"whats-happening": {"needs": ["domestic_abuse"], "safe_now": "no", "description": ""}}


def submit(town: str, **overrides):
    answers = complete_answers(_route={"kind": "locality", "locality": town}, **overrides)
    return journey_services.help_request_submit(draft=DraftFactory(answers=answers))


@pytest.fixture
def world(locality):
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=tipton)
    agency = LeadAgency.objects.create(name="+Family Support")
    tipton_open = submit("tipton", **{"about-you": {"first_name": "Xanthe", "last_name": "Mbeki"}})
    queue_services.help_request_set_lead(
        help_request=tipton_open, user=manager, lead_agency=agency, lead_practitioner=FORMULA
    )
    queue_services.help_request_record_contact(
        help_request=tipton_open, user=manager, made_contact=True
    )
    tipton_closed = submit("tipton")
    queue_services.help_request_change_status(
        help_request=tipton_closed,
        user=manager,
        status=HelpRequestStatus.CLOSED,
        outcome="needs_met",
    )
    return {
        "manager": manager,
        "tipton": tipton,
        "tipton_open": tipton_open,
        "tipton_closed": tipton_closed,
        "oldbury": [submit("oldbury"), submit("oldbury")],
        "with_mash": submit("tipton", **URGENT),  # flagged: MASH duty's, not Tipton's
    }


def _signed_in(user) -> Client:
    client = Client()
    login_with_mfa(client, user)
    return client


def _csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def _xlsx(response):
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["Help requests"]
    header = [cell.value for cell in sheet[1]]
    return header, [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def test_a_tipton_managers_export_holds_tipton_requests_only(world):
    rows = _csv(_signed_in(world["manager"]).get(URL, {"scope": "all", "format": "csv"}))

    references = {row["Reference"] for row in rows}
    assert references == {world["tipton_open"].reference, world["tipton_closed"].reference}
    for elsewhere in (*world["oldbury"], world["with_mash"]):
        assert elsewhere.reference not in references


def test_the_export_follows_the_queues_filters(world):
    client = _signed_in(world["manager"])
    open_only = _csv(client.get(URL, {"format": "csv"}))  # the queue shows open requests
    assert [row["Reference"] for row in open_only] == [world["tipton_open"].reference]
    closed = _csv(client.get(URL, {"format": "csv", "status": "closed"}))
    assert [row["Reference"] for row in closed] == [world["tipton_closed"].reference]
    # A town outside their scope filters to nothing, never to that town's requests.
    assert _csv(client.get(URL, {"format": "csv", "locality": "oldbury"})) == []


def test_csv_cells_that_look_like_formulas_are_text_and_dates_are_uk(world):
    rows = _csv(_signed_in(world["manager"]).get(URL, {"scope": "all", "format": "csv"}))
    row = next(r for r in rows if r["Reference"] == world["tipton_open"].reference)

    assert row["Lead practitioner"] == "'" + FORMULA
    assert row["Lead agency"] == "'+Family Support"
    submitted = timezone.localtime(world["tipton_open"].submitted_at)
    assert row["Submitted"] == submitted.strftime("%d/%m/%Y %H:%M")
    assert row["Contact the family by"] == world["tipton_open"].respond_by.strftime("%d/%m/%Y")
    assert row["First contact"]
    assert row["Status"] == "In contact"
    assert row["Handovers"] == "0"
    assert row["Needs"] == "Somewhere safe and secure to live"
    closed = next(r for r in rows if r["Reference"] == world["tipton_closed"].reference)
    assert closed["Outcome"] == "Needs met: family doing well"
    assert closed["Closed"]


def test_excel_cells_that_look_like_formulas_are_text_and_dates_are_dates(world):
    header, rows = _xlsx(_signed_in(world["manager"]).get(URL, {"scope": "all", "format": "xlsx"}))

    assert header[0] == "Reference"
    row = next(r for r in rows if r["Reference"].value == world["tipton_open"].reference)
    practitioner = row["Lead practitioner"]
    assert practitioner.data_type == "s"
    assert practitioner.value == "'" + FORMULA
    submitted = row["Submitted"]
    assert isinstance(submitted.value, datetime.datetime)
    assert submitted.number_format == "dd/mm/yyyy hh:mm"
    expected = timezone.localtime(world["tipton_open"].submitted_at).replace(tzinfo=None)
    assert abs(submitted.value - expected) < datetime.timedelta(seconds=1)
    assert row["Contact the family by"].number_format == "dd/mm/yyyy"
    assert {r["Reference"].value for r in rows} == {
        world["tipton_open"].reference,
        world["tipton_closed"].reference,
    }


def test_the_export_holds_no_familys_name_or_number(world):
    client = _signed_in(world["manager"])
    for kind in ("csv", "xlsx"):
        body = b"".join(client.get(URL, {"scope": "all", "format": kind}).streaming_content)
        if kind == "xlsx":
            workbook = load_workbook(io.BytesIO(body))
            body = repr([list(r) for r in workbook.active.iter_rows(values_only=True)]).encode()
        for needle in (b"Xanthe", b"Mbeki", b"7700900123", b"7700 900123", b"B69"):
            assert needle not in body, (kind, needle)


def test_the_export_is_audited_with_its_filters_never_the_search_words(world):
    client = _signed_in(world["manager"])
    response = client.get(URL, {"format": "csv", "q": "Mbeki", "urgent": ""})
    rows = _csv(response)
    assert [row["Reference"] for row in rows] == [world["tipton_open"].reference]

    record = AuditRecord.objects.get(action=AuditAction.EXPORTED)
    assert record.user == world["manager"]
    assert record.subject == AuditSubject.QUEUE
    assert record.details == {
        "format": "csv",
        "rows": 1,
        "everything": False,
        "filters": {},
        "searched": True,
    }
    assert "Mbeki" not in record.summary
    assert "after a search" in record.summary


@pytest.mark.parametrize(
    "role", [StaffRole.LOCALITY_WORKER, StaffRole.MASH_DUTY, StaffRole.COMMS_EDITOR]
)
def test_roles_without_the_export_permission_are_refused(world, role):
    someone = staff_member(role, locality=world["tipton"])
    client = _signed_in(someone)
    for params in ({"format": "csv"}, {"format": "xlsx", "scope": "all"}):
        response = client.get(URL, params)
        assert response.status_code == 403
        assert world["tipton_open"].reference not in response.content.decode()
    assert not AuditRecord.objects.filter(action=AuditAction.EXPORTED).exists()
    if role != StaffRole.COMMS_EDITOR:
        queue = client.get("/admin/help-requests/").content.decode()
        assert URL not in queue


def test_the_queue_page_links_to_the_export_with_its_filters(world):
    page = _signed_in(world["manager"]).get("/admin/help-requests/", {"status": "closed"})
    html = page.content.decode()
    assert f"{URL}?status=closed" in html
    assert f"{URL}?scope=all&amp;format=xlsx" in html


def test_a_service_manager_exports_every_town(world):
    rows = _csv(
        _signed_in(staff_member(StaffRole.SERVICE_MANAGER)).get(
            URL, {"scope": "all", "format": "csv"}
        )
    )
    assert len(rows) == 5
