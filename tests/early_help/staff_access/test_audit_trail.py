"""The audit trail: pages that show families' details are recorded without copying those
details, and administrators export the trail for the council's information governance team.
"""

import csv
import datetime
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from early_help.asking_for_help import services as journey_services
from early_help.feedback import services as feedback_services
from early_help.models import AuditRecord, Feedback, OutboxMessage
from early_help.staff_access.models import AuditAction, AuditSubject
from early_help.staff_access.roles import StaffRole
from early_help.staff_access.services import audit_record
from tests.factories import (
    DraftFactory,
    LocalityFactory,
    PostcodeSectorFactory,
    complete_answers,
    login_with_mfa,
    staff_member,
)

pytestmark = pytest.mark.django_db

QUEUE = "/admin/help-requests/"
EXPORT = "/admin/audit-trail/"


def _submit(**overrides):
    return journey_services.help_request_submit(
        draft=DraftFactory(answers=complete_answers(**overrides))
    )


@pytest.fixture
def world(locality):
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    PostcodeSectorFactory(locality=tipton, sector="DY4 7")
    people = {
        "worker": staff_member(StaffRole.LOCALITY_WORKER, locality=locality),
        "manager": staff_member(StaffRole.LOCALITY_MANAGER, locality=locality),
        "mash": staff_member(StaffRole.MASH_DUTY),
        "service_manager": staff_member(StaffRole.SERVICE_MANAGER),
        "comms": staff_member(StaffRole.COMMS_EDITOR),
        "administrator": staff_member(StaffRole.ADMINISTRATOR),
        "superuser": staff_member(StaffRole.ADMINISTRATOR, is_superuser=True),
    }
    return {
        "people": people,
        "bloggs": _submit(
            **{"about-you": {"last_name": "Bloggs", "phone": "+447700900555"}},
        ),
        "smith": _submit(**{"about-you": {"last_name": "Smith", "phone": "+447700900556"}}),
        "tipton": _submit(
            _route={"kind": "locality", "locality": "tipton", "council": None},
            **{"about-you": {"last_name": "Bloggs", "phone": "+447700900557"}},
        ),
    }


def _client(user) -> Client:
    client = Client()
    login_with_mfa(client, user)
    return client


def _as_text(record: AuditRecord) -> str:
    return record.summary + json.dumps(record.details)


# --- Views of the queue, the Texts page and named feedback are recorded -----------------


def test_the_queue_records_which_references_it_showed_and_not_what_was_searched(world):
    worker = world["people"]["worker"]
    client = _client(worker)
    for search in ("Bloggs", "07700 900555"):
        response = client.get(QUEUE, {"q": search, "urgent": "", "status": "submitted"})
        assert f"<strong>{world['bloggs'].reference}</strong>" in response.content.decode()

    records = AuditRecord.objects.filter(user=worker, subject=AuditSubject.QUEUE).order_by("pk")
    assert records.count() == 2
    for record in records:
        assert record.action == AuditAction.VIEWED
        assert record.help_request is None
        # The Tipton Bloggs is out of this worker's scope: never shown, never recorded.
        assert record.details["shown"] == [world["bloggs"].reference]
        assert record.details["searched"] is True
        assert record.details["filters"] == {"status": "submitted"}
        assert record.details["matching"] == 1
        assert "after a search" in record.summary
        for personal in ("Bloggs", "Jo", "900555", "0555"):
            assert personal not in _as_text(record)


def test_the_queue_records_every_page_that_shows_names_even_without_a_search(world):
    manager = world["people"]["manager"]
    _client(manager).get(QUEUE, {"per_page": "25"})
    record = AuditRecord.objects.get(user=manager, subject=AuditSubject.QUEUE)
    assert set(record.details["shown"]) == {world["bloggs"].reference, world["smith"].reference}
    assert record.details["searched"] is False
    assert record.details["filters"] == {}
    assert record.summary == "Viewed the queue: 2 of 2 requests"
    assert record.details["later_page"] is False


def test_the_texts_page_records_which_texts_it_showed(world):
    reply = OutboxMessage.objects.create(
        direction="in", phone="+447700900558", body="Is this Sam?", status="received"
    )
    superuser = world["people"]["superuser"]
    response = _client(superuser).get(reverse("help_requests:texts"))
    assert "Is this Sam?" in response.content.decode()
    record = AuditRecord.objects.get(user=superuser, subject=AuditSubject.TEXTS)
    assert record.action == AuditAction.VIEWED
    assert record.details["unmatched"] == [reply.pk]
    assert reply.pk in record.details["texts"]
    assert world["bloggs"].reference in record.details["help_requests"]
    assert "Sam" not in _as_text(record)
    assert "900558" not in _as_text(record)


def _feedback(locality, *, anonymous: bool) -> Feedback:
    feedback = feedback_services.feedback_record(
        answers={
            "who": {"journey_type": "family"},
            "about": {"about_role": "teacher", "worker_name": "Sam Green"},
            "scales": {"trust": "3", "easy_to_contact": "3", "listens": "3", "explains": "3"},
            "changes": {},
            "words": {"feels_safe": "yes", "going_well": "Good"},
            "you": {"anonymous": "yes"}
            if anonymous
            else {
                "anonymous": "no",
                "name": "Ali Hassan",
                "wants_reply": "text",
                "reply_phone": "+447700900559",
            },
        },
        link=None,
    )
    Feedback.objects.filter(pk=feedback.pk).update(team=locality)
    return feedback


def test_opening_feedback_is_recorded_against_that_feedback(world, locality):
    named = _feedback(locality, anonymous=False)
    manager = world["people"]["manager"]
    response = _client(manager).get(reverse("feedback:detail", args=[named.pk]))
    assert "Ali Hassan" in response.content.decode()
    record = AuditRecord.objects.get(user=manager, feedback=named)
    assert record.action == AuditAction.VIEWED
    assert record.subject == AuditSubject.FEEDBACK
    assert record.summary == f"Viewed feedback FB-{named.pk} (named)"
    assert "Ali" not in _as_text(record)


def test_the_feedback_list_is_recorded_when_it_shows_names(world, locality):
    anonymous = _feedback(locality, anonymous=True)
    manager = world["people"]["manager"]
    client = _client(manager)
    client.get(reverse("feedback:list"))
    assert not AuditRecord.objects.filter(user=manager).exists()

    named = _feedback(locality, anonymous=False)
    assert "Ali Hassan" in client.get(reverse("feedback:list")).content.decode()
    record = AuditRecord.objects.get(user=manager, subject=AuditSubject.FEEDBACK_LIST)
    assert record.details == {"named_shown": [named.reference], "shown": 2}
    assert anonymous.reference not in record.details["named_shown"]
    assert "Ali" not in _as_text(record)


# --- The export for information governance ------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("worker", 403),
        ("manager", 403),
        ("mash", 403),
        ("service_manager", 403),
        ("comms", 403),
        ("administrator", 200),
        ("superuser", 200),
    ],
)
def test_only_administrators_may_export_the_audit_trail(world, role, status):
    user = world["people"][role]
    client = _client(user)
    today = timezone.localdate().isoformat()
    assert client.get(EXPORT).status_code == status
    download = client.get(EXPORT, {"start": today, "end": today, "format": "csv"})
    assert download.status_code == status
    exported = AuditRecord.objects.filter(user=user, action=AuditAction.EXPORTED)
    assert exported.exists() == (status == 200)
    # The menu offers it to exactly those who may use it.
    assert (EXPORT in client.get("/admin/").content.decode()) == (status == 200)


def test_signed_out_visitors_are_sent_to_sign_in():
    response = Client().get(EXPORT, {"start": "2026-01-01", "end": "2026-01-31"})
    assert response.status_code == 302
    assert "login" in response["Location"]


def _download_rows(client, **params) -> list[list[str]]:
    response = client.get(EXPORT, {"format": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


def _at(year, month, day, hour, minute) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)


def test_the_export_holds_the_records_of_the_chosen_uk_days_only(world):
    worker, superuser = world["people"]["worker"], world["people"]["superuser"]
    bloggs = world["bloggs"]
    # 23:30 UTC on 31 May is 00:30 on 1 June in the UK (summer time).
    inside_early = audit_record(
        user=worker, action=AuditAction.VIEWED, help_request=bloggs, summary="Viewed"
    )
    inside_late = audit_record(
        user=worker,
        action=AuditAction.VIEWED,
        subject=AuditSubject.QUEUE,
        summary="Viewed the queue: 1 of 1 requests",
        details={"shown": [bloggs.reference], "searched": True},
    )
    before = audit_record(user=worker, action=AuditAction.VIEWED, summary="Before")
    after = audit_record(user=worker, action=AuditAction.VIEWED, summary="After")
    for record, at in [
        (inside_early, _at(2026, 5, 31, 23, 30)),
        (inside_late, _at(2026, 6, 2, 22, 59)),
        (before, _at(2026, 5, 31, 22, 59)),
        (after, _at(2026, 6, 2, 23, 0)),
    ]:
        AuditRecord.objects.filter(pk=record.pk).update(at=at)

    rows = _download_rows(_client(superuser), start="2026-06-01", end="2026-06-02")
    assert rows[0] == [
        "When (UK time)",
        "Staff email",
        "Staff name",
        "Action",
        "Subject",
        "Help request",
        "Feedback",
        "Summary",
        "Details",
    ]
    assert [row[7] for row in rows[1:]] == ["Viewed", inside_late.summary]
    first, second = rows[1], rows[2]
    assert first[:7] == [
        "2026-06-01 00:30:00",
        worker.email,
        worker.get_full_name(),
        "viewed",
        "help_request",
        bloggs.reference,
        "",
    ]
    assert json.loads(second[8]) == {"searched": True, "shown": [bloggs.reference]}


def test_the_export_is_itself_recorded_and_shows_in_the_next_export(world):
    superuser, worker = world["people"]["superuser"], world["people"]["worker"]
    audit_record(user=worker, action=AuditAction.VIEWED, summary="Viewed")
    today = timezone.localdate().isoformat()
    client = _client(superuser)
    first = _download_rows(client, start=today, end=today)
    record = AuditRecord.objects.get(user=superuser, action=AuditAction.EXPORTED)
    assert record.subject == AuditSubject.AUDIT_TRAIL
    assert record.details == {"from": today, "to": today, "format": "csv", "records": 1}
    assert len(first) == 1 + 1
    second = _download_rows(client, start=today, end=today)
    assert second[-1][1] == superuser.email
    assert second[-1][3:5] == ["exported", "audit_trail"]
    assert second[-1][7] == f"Exported the audit trail (csv) from {today} to {today}: 1 records"


def test_cells_that_look_like_formulas_are_made_text_in_csv_and_excel(world):
    superuser = world["people"]["superuser"]
    sneaky = staff_member(StaffRole.LOCALITY_WORKER, first_name="=cmd|' /C calc'!A0")
    audit_record(
        user=sneaky,
        action=AuditAction.CHANGED,
        summary='=HYPERLINK("http://example.org","click")',
    )
    audit_record(user=sneaky, action=AuditAction.CHANGED, summary="+1+1")
    audit_record(user=sneaky, action=AuditAction.CHANGED, summary="@SUM(A1)")
    audit_record(user=sneaky, action=AuditAction.CHANGED, summary="-2")
    today = timezone.localdate().isoformat()
    client = _client(superuser)

    rows = _download_rows(client, start=today, end=today)
    sneaky_rows = [row for row in rows if row[1] == sneaky.email]
    assert [row[7] for row in sneaky_rows] == [
        '\'=HYPERLINK("http://example.org","click")',
        "'+1+1",
        "'@SUM(A1)",
        "'-2",
    ]
    assert all(row[2].startswith("'=cmd") for row in sneaky_rows)

    response = client.get(EXPORT, {"start": today, "end": today, "format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [
        cell
        for row in sheet.iter_rows(values_only=True)
        if row[1] == sneaky.email
        for cell in row
        if isinstance(cell, str)
    ]
    assert cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert sum(1 for row in sheet.iter_rows(values_only=True) if row[1] == sneaky.email) == 4


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-06-02", "end": "2026-06-01"}, "on or before the last day"),
        ({"start": "2026-02-30", "end": "2026-03-01"}, "Enter the first day as a real date"),
        ({"start": "", "end": "2026-03-01"}, "Enter the first day to export"),
        ({"start": "2026-03-01", "end": "2026-03-01", "format": "pdf"}, "Select a valid choice"),
    ],
)
def test_a_wrong_date_range_gets_a_polite_message_and_no_download(world, params, message):
    superuser = world["people"]["superuser"]
    response = _client(superuser).get(EXPORT, {"format": "csv", **params})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AuditRecord.objects.filter(action=AuditAction.EXPORTED).exists()
