"""After retention, nothing personal of an expired request or named feedback survives
anywhere in the database.

A unique canary is planted in every free-text field, note, text and reply, through the
real services and staff screens; after the retention period every text-like column of
every table of every installed app is searched for it (and for the phone number's digits).
"""

import datetime
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.feedback import services as feedback_services
from early_help.models import (
    AuditRecord,
    Feedback,
    HelpRequest,
    HelpRequestDraft,
    LeadAgency,
    OutboxMessage,
    TrackingCode,
)
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from early_help.texts import services as text_services
from early_help.texts.models import SmsTemplateKey
from early_help.tracking import services as tracking_services
from tests.factories import DraftFactory, complete_answers, login_with_mfa, staff_member

pytestmark = pytest.mark.django_db

CANARY = "Quokka7Zx"
# Drama-range numbers no other test data uses, so finding their digits means a leak.
FAMILY_PHONE = "+447700900987"
FEEDBACK_PHONE = "+447700900988"


def _phone_forms(e164: str) -> list[str]:
    national = "0" + e164.removeprefix("+44")
    return [national[1:], f"{national[1:5]} {national[5:]}", f"{national[:5]} {national[5:]}"]


def _is_textish(field) -> bool:
    return isinstance(field, models.CharField | models.TextField | models.JSONField) or (
        field.get_internal_type() in {"CharField", "TextField", "JSONField"}
    )


def places_holding(needles: list[str]) -> list[str]:
    """Every table.column, across every installed app, whose text holds one of the needles."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed:
            continue
        for field in opts.concrete_fields:
            if not _is_textish(field):
                continue
            rows = model._base_manager.all()
            column = field.attname
            if field.get_internal_type() == "JSONField":
                rows = rows.annotate(_as_text=Cast(field.attname, models.TextField()))
                column = "_as_text"
            match = Q()
            for needle in needles:
                match |= Q(**{f"{column}__icontains": needle})
            if rows.filter(match).exists():
                found.append(f"{opts.db_table}.{field.column}")
    return found


def test_the_search_finds_a_planted_canary_in_text_and_json_columns(locality):
    """The search below must be able to fail: it finds what is there."""
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    help_request.events.create(kind="note", summary="plain", data={"text": CANARY})
    assert places_holding([CANARY]) == ["early_help_requestevent.data"]
    assert "early_help_helprequest.phone" in places_holding(_phone_forms("+447700900123"))


@pytest.fixture
def people(locality):
    return {
        "worker": staff_member(StaffRole.LOCALITY_WORKER, locality=locality),
        "manager": staff_member(StaffRole.LOCALITY_MANAGER, locality=locality),
        "mash": staff_member(StaffRole.MASH_DUTY),
        "admin": staff_member(StaffRole.ADMINISTRATOR, is_superuser=True),
    }


def _canary_request(locality, people) -> HelpRequest:
    """A request with the canary in every free-text answer, note, text and reply."""
    answers = complete_answers(
        **{
            "about-you": {
                "first_name": f"{CANARY}first",
                "last_name": f"{CANARY}last",
                "phone": FAMILY_PHONE,
                "email": f"{CANARY.lower()}@example.org",
                "postcode": "B69 4ZZ",
            },
            "safe-contact": {"safe_times_note": f"After school, {CANARY} safe time"},
            "language": {
                "language": "other",
                "other_language": f"{CANARY}ish",
                "interpreter": "yes",
                "bsl": "no",
            },
            "whats-happening": {
                "needs": ["housing"],
                "safe_now": "",
                "description": f"{CANARY} what is happening",
            },
            "help-wanted": {"help_wanted": f"{CANARY} help wanted"},
            "other-agencies": {"involved": "yes", "who": f"{CANARY} health visitor"},
            "children": [
                {
                    "first_name": f"{CANARY}child",
                    "birth": "date_of_birth",
                    "date_of_birth": "2019-03-27",
                    "age": None,
                    "due_date": None,
                    "school": f"{CANARY} Primary",
                    "send": "no",
                },
                {
                    "first_name": f"{CANARY}baby",
                    "birth": "unborn",
                    "date_of_birth": None,
                    "age": None,
                    "due_date": "2026-12-01",
                    "school": "",
                    "send": "",
                },
            ],
        }
    )
    help_request = journey_services.help_request_submit(
        draft=DraftFactory(answers=answers, phone_last_four="0987")
    )
    worker, mash = people["worker"], people["mash"]
    queue_services.help_request_view(help_request=help_request, user=worker)
    queue_services.help_request_claim(help_request=help_request, user=worker)
    queue_services.help_request_add_note(
        help_request=help_request, user=worker, text=f"{CANARY} note from a visit"
    )
    queue_services.help_request_record_contact(
        help_request=help_request, user=worker, made_contact=True, note=f"{CANARY} on the phone"
    )
    queue_services.help_request_record_contact(
        help_request=help_request, user=worker, made_contact=False, note=f"{CANARY} no answer"
    )
    queue_services.help_request_set_lead(
        help_request=help_request,
        user=worker,
        lead_agency=LeadAgency.objects.create(name="Health visiting"),
        lead_practitioner=f"{CANARY} Practitioner",
    )
    queue_services.help_request_text(
        help_request=help_request, user=worker, key=SmsTemplateKey.STATUS_UPDATE
    )
    text_services.sms_inbound(
        sender=FAMILY_PHONE, body=f"{CANARY} reply from the family", sid="SM" + "c" * 32
    )
    text_services.sms_inbound(sender=FAMILY_PHONE, body="HELP", sid="SM" + "d" * 32)
    # "Where is my request?": a code texted, a change of worker asked, something added.
    assert tracking_services.tracking_code_issue(reference=help_request.reference)
    tracking_services.tracking_change_of_worker_ask(
        help_request=help_request, reason=f"{CANARY} we do not get on"
    )
    tracking_services.tracking_note_add(help_request=help_request, text=f"{CANARY} I forgot")
    help_request = queue_services.help_request_pass_to_mash(
        help_request=help_request, user=worker, reason=f"{CANARY} worry about home"
    )
    help_request = queue_services.help_request_pass_back(
        help_request=help_request, user=mash, locality=locality, note=f"{CANARY} triaged"
    )
    return queue_services.help_request_change_status(
        help_request=help_request, user=worker, status="closed", outcome="needs_met"
    )


def _staff_look_at_everything(admin, help_request) -> None:
    """Staff screens that show the family's details, searched by name and by phone."""
    client = Client()
    login_with_mfa(client, admin)
    queue = reverse("help_requests:queue")
    for search in (f"{CANARY}first", "07700 900987", FAMILY_PHONE):
        assert client.get(queue, {"q": search, "status": "closed"}).status_code == 200
    assert client.get(reverse("help_requests:detail", args=[help_request.pk])).status_code == 200
    assert client.get(reverse("help_requests:texts")).status_code == 200


def test_after_retention_nothing_of_an_expired_request_survives_anywhere(
    locality, people, settings, daytime, django_capture_on_commit_callbacks
):
    # Only the request's own retention runs out: texts and the audit trail are kept far
    # longer, so the request's anonymisation alone must clear everything.
    settings.FAMILY_VOICE_RETENTION_DAYS_HELP_REQUESTS = 30
    settings.FAMILY_VOICE_RETENTION_DAYS_TEXTS = 3650
    settings.FAMILY_VOICE_RETENTION_DAYS_FEEDBACK = 3650
    settings.FAMILY_VOICE_RETENTION_DAYS_AUDIT = 3650
    # Texts go out after each commit, as they would in production.
    with django_capture_on_commit_callbacks(execute=True):
        help_request = _canary_request(locality, people)
    _staff_look_at_everything(people["admin"], help_request)
    assert not help_request.texts.filter(status="queued").exists()
    needles = [CANARY, "B69 4ZZ", *_phone_forms(FAMILY_PHONE)]
    assert "early_help_helprequest.first_name" in places_holding(needles)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=31), tick=False):
        call_command("apply_retention", stdout=StringIO())

    leaks = places_holding(needles)
    assert not leaks, "still holding personal details: " + ", ".join(leaks)
    help_request.refresh_from_db()
    assert help_request.anonymised_at
    assert help_request.date_of_birth is None
    assert all(
        child.date_of_birth is None and child.due_date is None
        for child in help_request.children.all()
    )
    assert not HelpRequestDraft.objects.filter(help_request=help_request).exists()
    assert not TrackingCode.objects.filter(help_request=help_request).exists()
    assert not help_request.has_family_message
    # Who did what, and when, stays.
    assert help_request.events.filter(kind="note", actor=people["worker"]).exists()
    assert AuditRecord.objects.filter(help_request=help_request, user=people["admin"]).exists()
    assert help_request.texts.filter(direction="in").exists()
    assert (help_request.status, help_request.outcome) == ("closed", "needs_met")


def test_after_retention_nothing_of_named_feedback_survives_anywhere(
    locality, people, settings, daytime, django_capture_on_commit_callbacks
):
    settings.FAMILY_VOICE_RETENTION_DAYS_HELP_REQUESTS = 3650
    settings.FAMILY_VOICE_RETENTION_DAYS_TEXTS = 3650
    settings.FAMILY_VOICE_RETENTION_DAYS_FEEDBACK = 30
    settings.FAMILY_VOICE_RETENTION_DAYS_AUDIT = 3650
    feedback = feedback_services.feedback_record(
        answers={
            "who": {"journey_type": "family"},
            "about": {"about_role": "teacher", "worker_name": "Sam Green"},
            "scales": {"trust": "3", "easy_to_contact": "3", "listens": "3", "explains": "3"},
            "changes": {},
            "words": {"feels_safe": "yes", "going_well": "Good", "could_be_better": ""},
            "you": {
                "anonymous": "no",
                "name": f"{CANARY}name",
                "wants_reply": "text",
                "reply_phone": FEEDBACK_PHONE,
            },
        },
        link=None,
    )
    Feedback.objects.filter(pk=feedback.pk).update(team=locality)
    with django_capture_on_commit_callbacks(execute=True):
        feedback_services.feedback_acknowledge(
            feedback=feedback, user=people["manager"], reply_by_text=True
        )
        text_services.sms_inbound(sender=FEEDBACK_PHONE, body="Thanks", sid="SM" + "e" * 32)
    client = Client()
    login_with_mfa(client, people["admin"])
    assert client.get(reverse("feedback:list")).status_code == 200
    assert client.get(reverse("feedback:detail", args=[feedback.pk])).status_code == 200
    needles = [CANARY, *_phone_forms(FEEDBACK_PHONE)]
    assert "early_help_feedback.name" in places_holding(needles)
    assert OutboxMessage.objects.filter(feedback=feedback).exists()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=31), tick=False):
        call_command("apply_retention", stdout=StringIO())

    leaks = places_holding(needles)
    assert not leaks, "still holding personal details: " + ", ".join(leaks)
    feedback.refresh_from_db()
    assert feedback.anonymised_at
    assert feedback.going_well == "Good"
