"""What a case system records goes through the staff queue's own services: the same
timeline lines, Wagtail log entries, audit records, texts and handover counts as when a
worker records it in the admin."""

import pytest
from wagtail.log_actions import registry as log_registry

from early_help.models import (
    AuditRecord,
    EventKind,
    HelpRequestStatus,
    OutboxMessage,
    SafeContact,
    SmsStatus,
    SmsTemplateKey,
)
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from tests.factories import login_with_mfa, staff_member

from .conftest import bearer, request_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_settle")]


def _post(client, token, help_request, what, body):
    return client.post(
        f"/api/v1/help-requests/{help_request.pk}/{what}",
        body,
        content_type="application/json",
        **bearer(token),
    )


def _trail(help_request):
    """What a change leaves behind, without who made it or when."""
    events = [
        (e.kind, e.summary)
        for e in help_request.events.exclude(
            kind__in=[EventKind.VIEWED, EventKind.SUBMITTED, EventKind.ROUTED, EventKind.SMS_OUT]
        )
    ]
    logs = sorted(log_registry.get_logs_for_instance(help_request).values_list("action", flat=True))
    audits = sorted(
        help_request.audit_records.filter(action="changed").values_list("summary", flat=True)
    )
    texts = sorted(help_request.texts.values_list("template_key", "status"))
    help_request.refresh_from_db()
    state = (
        help_request.status,
        help_request.outcome,
        help_request.lead_practitioner,
        help_request.handover_count,
        help_request.first_contact_at is not None,
    )
    return events, logs, audits, texts, state


def test_recording_through_the_api_leaves_the_same_trail_as_the_staff_ui(
    client, tipton, tipton_client, agency
):
    through_api, through_staff = request_in(tipton), request_in(tipton)
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    token = tipton_client[1]
    other = type(agency).objects.create(name="School nursing")

    assert (
        _post(
            client, token, through_api, "contacts", {"made_contact": True, "note": "Rang"}
        ).status_code
        == 200
    )
    assert (
        _post(
            client, token, through_api, "lead", {"agency_id": agency.pk, "practitioner": "Ann Lee"}
        ).status_code
        == 200
    )
    assert (
        _post(
            client, token, through_api, "lead", {"agency_id": other.pk, "practitioner": "Ann Lee"}
        ).status_code
        == 200
    )
    assert (
        _post(
            client, token, through_api, "status", {"status": "closed", "outcome": "needs_met"}
        ).status_code
        == 200
    )

    queue_services.help_request_record_contact(
        help_request=through_staff, user=worker, made_contact=True, note="Rang"
    )
    queue_services.help_request_set_lead(
        help_request=through_staff, user=worker, lead_agency=agency, lead_practitioner="Ann Lee"
    )
    queue_services.help_request_set_lead(
        help_request=through_staff, user=worker, lead_agency=other, lead_practitioner="Ann Lee"
    )
    queue_services.help_request_change_status(
        help_request=through_staff, user=worker, status="closed", outcome="needs_met"
    )

    api_trail, staff_trail = _trail(through_api), _trail(through_staff)
    assert api_trail == staff_trail
    events, logs, audits, texts, state = api_trail
    assert state == (HelpRequestStatus.CLOSED, "needs_met", "Ann Lee", 1, True)
    assert (EventKind.LEAD_CHANGED, "Lead: School nursing, Ann Lee (handover)") in events
    assert (SmsTemplateKey.PRACTITIONER_ALLOCATED, SmsStatus.QUEUED) in texts
    assert logs == sorted(
        ["early_help.contact", "early_help.set_lead", "early_help.set_lead", "early_help.status"]
    )
    assert len(audits) == 4


def test_the_api_client_is_who_the_timeline_and_audit_name(client, tipton_client, tipton_request):
    api_client, token = tipton_client
    _post(client, token, tipton_request, "status", {"status": "triaged"})

    event = tipton_request.events.get(kind=EventKind.STATUS_CHANGED)
    assert event.actor == api_client.service_user
    assert api_client.name in event.actor.get_full_name()
    record = AuditRecord.objects.get(help_request=tipton_request, action="changed")
    assert record.user == api_client.service_user


def test_a_family_who_said_no_texts_gets_none_when_a_case_system_sets_the_lead(
    client, tipton_client, tipton_request, agency
):
    SafeContact.objects.filter(help_request=tipton_request).update(may_text=False)

    _post(
        client,
        tipton_client[1],
        tipton_request,
        "lead",
        {"agency_id": agency.pk, "practitioner": "Ann Lee"},
    )

    text = OutboxMessage.objects.get(
        help_request=tipton_request, template_key=SmsTemplateKey.PRACTITIONER_ALLOCATED
    )
    assert text.status == SmsStatus.NOT_SAFE


def test_closing_without_an_outcome_is_refused_with_the_staff_message(
    client, tipton_client, tipton_request
):
    response = _post(client, tipton_client[1], tipton_request, "status", {"status": "closed"})
    assert response.status_code == 422
    assert response.json()["detail"] == ["Choose an outcome to close the request."]
    tipton_request.refresh_from_db()
    assert tipton_request.status == HelpRequestStatus.SUBMITTED


def test_a_third_lead_practitioner_needs_confirming(client, tipton_client, tipton_request, agency):
    token = tipton_client[1]
    for name in ("Ann Lee", "Bo Chan"):
        _post(client, token, tipton_request, "lead", {"agency_id": agency.pk, "practitioner": name})

    warned = _post(
        client, token, tipton_request, "lead", {"agency_id": agency.pk, "practitioner": "Cy Doe"}
    )
    confirmed = _post(
        client,
        token,
        tipton_request,
        "lead",
        {"agency_id": agency.pk, "practitioner": "Cy Doe", "confirmed": True},
    )

    assert warned.status_code == 409
    assert warned.json()["practitioners"] == ["Ann Lee", "Bo Chan"]
    assert confirmed.json()["lead"]["practitioner"] == "Cy Doe"


def test_acknowledging_an_import_shows_the_case_reference_to_staff(
    client, tipton, tipton_client, tipton_request
):
    api_client, token = tipton_client
    response = _post(client, token, tipton_request, "import", {"case_reference": "EHM-2026-0042"})

    assert response.status_code == 200
    tipton_request.refresh_from_db()
    assert tipton_request.case_reference == "EHM-2026-0042"
    assert tipton_request.imported_by_client == api_client
    event = tipton_request.events.get(kind=EventKind.IMPORTED)
    assert "EHM-2026-0042" in event.summary
    assert response.json()["timeline"][-1]["kind"] == "imported"

    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    staff = client_for(worker)
    page = staff.get(f"/admin/help-requests/{tipton_request.pk}/")
    assert page.status_code == 200
    assert "EHM-2026-0042" in page.content.decode()


def client_for(user):
    from django.test import Client

    staff = Client()
    login_with_mfa(staff, user)
    return staff


def test_the_timeline_given_to_a_case_system_has_no_viewed_lines(
    client, tipton_client, tipton_request
):
    token = tipton_client[1]
    client.get(f"/api/v1/help-requests/{tipton_request.pk}", **bearer(token))
    timeline = client.get(f"/api/v1/help-requests/{tipton_request.pk}", **bearer(token)).json()[
        "timeline"
    ]
    assert tipton_request.events.filter(kind=EventKind.VIEWED).exists()
    assert "viewed" not in {line["kind"] for line in timeline}
