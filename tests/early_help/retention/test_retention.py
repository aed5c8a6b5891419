"""Retention: personal details go when their time is up; what the reports need stays."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.models import AuditRecord, Feedback, HelpRequest, OutboxMessage
from early_help.retention import services as retention
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from tests.factories import DraftFactory, staff_member

pytestmark = pytest.mark.django_db


def _closed_long_ago(help_request, days):
    HelpRequest.objects.filter(pk=help_request.pk).update(
        status="closed",
        outcome="needs_met",
        closed_at=timezone.now() - datetime.timedelta(days=days),
    )


def test_a_request_closed_longer_than_the_retention_period_loses_its_personal_details(
    locality, settings
):
    settings.FAMILY_VOICE_RETENTION_DAYS_HELP_REQUESTS = 365
    old = journey_services.help_request_submit(draft=DraftFactory())
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    queue_services.help_request_add_note(
        help_request=old, user=worker, text="Jo's new address is 1 Acacia Avenue"
    )
    recent = journey_services.help_request_submit(draft=DraftFactory())
    _closed_long_ago(old, 400)
    _closed_long_ago(recent, 30)

    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "Anonymised 1 help requests" in out.getvalue()

    old.refresh_from_db()
    assert old.first_name == "[removed]"
    assert old.last_name == ""
    assert not old.phone
    assert old.email == ""
    assert old.postcode == "B69 4"
    assert old.description == ""
    assert old.anonymised_at
    assert old.children.get().first_name == "[removed]"
    assert old.children.get().date_of_birth is None
    assert not old.events.filter(summary__contains="Acacia").exists()
    # What the reports need stays.
    assert (old.locality, old.status, old.outcome) == (locality, "closed", "needs_met")
    assert old.needs.exists()
    recent.refresh_from_db()
    assert recent.first_name == "Jo"
    assert recent.anonymised_at is None


def test_retention_is_safe_to_run_again(locality, settings):
    settings.FAMILY_VOICE_RETENTION_DAYS_HELP_REQUESTS = 365
    old = journey_services.help_request_submit(draft=DraftFactory())
    _closed_long_ago(old, 400)
    assert retention.retention_apply().help_requests == 1
    assert retention.retention_apply().help_requests == 0


def test_open_requests_are_never_anonymised_however_old(locality, settings):
    settings.FAMILY_VOICE_RETENTION_DAYS_HELP_REQUESTS = 1
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    HelpRequest.objects.filter(pk=help_request.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=4000)
    )
    retention.retention_apply()
    help_request.refresh_from_db()
    assert help_request.first_name == "Jo"


def test_old_texts_lose_their_words_and_number(settings):
    settings.FAMILY_VOICE_RETENTION_DAYS_TEXTS = 180
    old = OutboxMessage.objects.create(
        phone="+447700900123", body="Your code is 7K3Q9MXP", status="delivered"
    )
    OutboxMessage.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=200)
    )
    new = OutboxMessage.objects.create(phone="+447700900123", body="Hello", status="delivered")
    retention.retention_apply()
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.body == "[removed]"
    assert not old.phone
    assert old.status == "delivered"
    assert new.body == "Hello"


def test_named_feedback_loses_the_name_after_a_year(settings):
    settings.FAMILY_VOICE_RETENTION_DAYS_FEEDBACK = 365
    feedback = Feedback.objects.create(
        journey="family",
        about_role="teacher",
        anonymous=False,
        name="Ali",
        reply_phone="+447700900444",
        received_on=timezone.localdate() - datetime.timedelta(days=400),
        trust=3,
        easy_to_contact=3,
        listens=3,
        explains=3,
    )
    retention.retention_apply()
    feedback.refresh_from_db()
    assert feedback.name == ""
    assert not feedback.reply_phone
    assert feedback.anonymised_at
    assert feedback.trust == 3


def test_audit_records_go_when_their_retention_period_ends(settings, locality):
    settings.FAMILY_VOICE_RETENTION_DAYS_AUDIT = 730
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    old = AuditRecord.objects.create(user=worker, action="viewed", summary="Viewed")
    kept = AuditRecord.objects.create(user=worker, action="viewed", summary="Viewed")
    AuditRecord.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=731))
    AuditRecord.objects.filter(pk=kept.pk).update(at=timezone.now() - datetime.timedelta(days=729))
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "deleted 1 audit records" in out.getvalue()
    assert list(AuditRecord.objects.values_list("pk", flat=True)) == [kept.pk]


def test_an_anonymised_request_keeps_who_did_what_and_when_but_not_the_words(locality, settings):
    settings.FAMILY_VOICE_RETENTION_DAYS_HELP_REQUESTS = 365
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    queue_services.help_request_add_note(
        help_request=help_request, user=worker, text="Jo's new address is 1 Acacia Avenue"
    )
    _closed_long_ago(help_request, 400)
    retention.retention_apply()

    note = help_request.events.get(kind="note")
    assert (note.actor, note.summary, note.data) == (worker, "Note (details removed)", {})
    audit = AuditRecord.objects.get(help_request=help_request, action="changed")
    assert (audit.user, audit.summary) == (worker, "Changed (details removed)")
    routed = help_request.events.get(kind="routed")
    assert routed.summary == "Routed to Oldbury Early Help Team"
    assert routed.data == {"locality": "oldbury"}
