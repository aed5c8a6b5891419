"""Retention: personal details are removed when they are no longer needed (DESIGN.md rule 6).

What stays is what the reports and the audit need: dates, town, status, outcome, needs,
counts, and who did what when. Run daily (`manage.py apply_retention`, from cron).

Free text is removed by default: timeline events, log entries and audit records keep
their words only when they are of a kind we write ourselves from no personal detail, so a
new kind of event or note is removed until someone decides otherwise.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from wagtail.log_actions import registry as log_registry

from ..asking_for_help.models import HelpRequestDraft
from ..councils.models import Council
from ..feedback.models import Feedback
from ..help_requests.models import (
    Child,
    EventKind,
    HelpRequest,
    HelpRequestStatus,
    RequestEvent,
    SafeContact,
)
from ..outgoing_webhooks.models import WebhookDelivery
from ..shared.postcodes import postcode_sector
from ..staff_access.models import AuditAction, AuditRecord
from ..texts.models import OutboxMessage, SmsStatus
from ..tracking.models import TrackingCode

REMOVED = "[removed]"

# Timeline events whose summary we write from no personal detail ("Status: Closed",
# "Claimed by <worker>", "Text queued: …"). Every other kind (notes, contact notes, MASH
# reasons, pass-back notes, lead practitioners, and any kind added later) loses its words.
EVENT_KINDS_KEEPING_SUMMARY = frozenset(
    {
        EventKind.SUBMITTED,
        EventKind.ROUTED,
        EventKind.ASSIGNED,
        EventKind.STATUS_CHANGED,
        EventKind.VIEWED,
        EventKind.SMS_OUT,
        EventKind.SMS_IN,
        EventKind.TRACKING_CHANGED,
        EventKind.FAMILY_CHECKED,
    }
)
# Keys of an event's data that hold ids, choices or flags, never anyone's words.
EVENT_DATA_KEYS_KEPT = frozenset(
    {
        "outbox",
        "worker",
        "lead_agency",
        "handover",
        "made_contact",
        "status",
        "previous",
        "outcome",
        "locality",
        "reasons",
        "allowed",
    }
)
# A text still waiting to go needs its number; it is never the old text of an expired record.
TEXTS_PENDING = (SmsStatus.QUEUED, SmsStatus.SENDING)


@dataclass(frozen=True)
class RetentionResult:
    help_requests: int
    texts: int
    feedback: int
    audit_records: int = 0
    webhook_deliveries: int = 0


def _days(setting: str) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=getattr(settings, setting))


def _expired(what: str, council_path: str, field: str, *, as_date: bool = False) -> Q:
    """Older than its council's retention period for `what` (a council may keep things
    for longer or shorter than the deployment's setting); without a council, the setting's."""
    now = timezone.now()

    def before(days: int):
        moment = now - datetime.timedelta(days=days)
        return {f"{field}__lt": moment.date() if as_date else moment}

    default = getattr(settings, f"FAMILY_VOICE_RETENTION_DAYS_{what.upper()}")
    expired = Q(**{f"{council_path}__isnull": True}, **before(default))
    for council in Council.objects.all():
        expired |= Q(**{council_path: council.pk}, **before(council.retention_days(what)))
    return expired


@transaction.atomic
def retention_apply() -> RetentionResult:
    """Anonymise what has passed its retention period and delete audit records older
    than theirs. Safe to run again."""
    expired = HelpRequest.objects.filter(
        _expired("help_requests", "council", "closed_at"),
        anonymised_at__isnull=True,
        status__in=[HelpRequestStatus.CLOSED, HelpRequestStatus.WITHDRAWN],
    )
    count = 0
    for help_request in expired.iterator():
        _help_request_anonymise(help_request)
        count += 1

    texts = OutboxMessage.objects.filter(
        _expired("texts", "help_request__council", "created_at")
    ).exclude(body=REMOVED)
    text_count = texts.update(body=REMOVED, phone="", last_error="")

    feedback_count = _feedback_anonymise(
        Feedback.objects.filter(
            _expired("feedback", "team__council", "received_on", as_date=True),
            anonymised_at__isnull=True,
            anonymous=False,
        )
    )

    # A code works for minutes: a day later its hash is of no use to anyone.
    TrackingCode.objects.filter(expires_at__lt=timezone.now() - datetime.timedelta(days=1)).delete()

    audit_count, _by_model = AuditRecord.objects.filter(
        at__lt=_days("FAMILY_VOICE_RETENTION_DAYS_AUDIT")
    ).delete()
    # Deliveries hold ids and references only; they go (with their tries) once nobody
    # needs them to look into a missed notice.
    _deleted, webhooks_by_model = WebhookDelivery.objects.filter(
        created_at__lt=_days("FAMILY_VOICE_RETENTION_DAYS_WEBHOOKS")
    ).delete()
    webhook_count = webhooks_by_model.get(WebhookDelivery._meta.label, 0)
    return RetentionResult(
        help_requests=count,
        texts=text_count,
        feedback=feedback_count,
        audit_records=audit_count,
        webhook_deliveries=webhook_count,
    )


def _help_request_anonymise(help_request: HelpRequest) -> None:
    phone = help_request.phone
    help_request.first_name = REMOVED
    help_request.last_name = ""
    help_request.date_of_birth = None
    help_request.phone = ""
    help_request.email = ""
    help_request.postcode = (
        postcode_sector(help_request.postcode) or ""
    )  # the sector is not personal
    help_request.other_language = ""
    help_request.description = ""
    help_request.help_wanted = REMOVED
    help_request.other_agencies = ""
    help_request.lead_practitioner = ""
    help_request.anonymised_at = timezone.now()
    help_request.has_family_message = False
    help_request.save()
    SafeContact.objects.filter(help_request=help_request).update(safe_times_note="")
    Child.objects.filter(help_request=help_request).update(
        first_name=REMOVED, date_of_birth=None, age=None, due_date=None, school="", send=""
    )
    # Submitting empties the draft's answers; what is left (the last four digits of the
    # phone) goes with the request.
    HelpRequestDraft.objects.filter(help_request=help_request).delete()
    TrackingCode.objects.filter(help_request=help_request).delete()
    _events_scrub(help_request)
    _log_entries_scrub(help_request)
    _audit_records_scrub(AuditRecord.objects.filter(help_request=help_request))
    _texts_scrub(OutboxMessage.objects.filter(help_request=help_request))
    _unlinked_texts_scrub(phone)
    RequestEvent.objects.create(
        help_request=help_request,
        kind=EventKind.STATUS_CHANGED,
        summary="Personal details removed (retention)",
    )


def _events_scrub(help_request: HelpRequest) -> None:
    """The timeline keeps what happened, who did it and when; not what anyone wrote."""
    events = list(RequestEvent.objects.filter(help_request=help_request))
    with translation.override("en"):  # timeline summaries are stored in English
        for event in events:
            if event.kind not in EVENT_KINDS_KEEPING_SUMMARY:
                label = (
                    EventKind(event.kind).label if event.kind in EventKind.values else event.kind
                )
                event.summary = f"{label} (details removed)"
            event.data = {
                key: value
                for key, value in (event.data or {}).items()
                if key in EVENT_DATA_KEYS_KEPT
            }
    RequestEvent.objects.bulk_update(events, ["summary", "data"])


def _log_entries_scrub(help_request: HelpRequest) -> None:
    """Wagtail's log entries of the request keep the action, who and when, and lose their
    data (which repeats the timeline's words). Asks Wagtail's log registry for the
    entries, so it follows whichever log model help requests are registered with."""
    log_registry.get_logs_for_instance(help_request).update(data={})


def _audit_records_scrub(records) -> None:
    """An audit record of a change repeats what was written: keep who, what kind and when."""
    with translation.override("en"):
        for action in (AuditAction.CHANGED, AuditAction.EXPORTED):
            records.filter(action=action).update(summary=f"{action.label} (details removed)")
    records.update(details={})


def _texts_scrub(texts) -> int:
    """A text keeps its direction, status and dates; its words and number go."""
    return texts.update(body=REMOVED, phone="", last_error="")


def _unlinked_texts_scrub(phone) -> None:
    """Texts to or from this number that belong to no request or feedback: replies that
    came after closing, automatic answers to HELP. Waiting texts are left to be sent."""
    if not phone:
        return
    _texts_scrub(
        OutboxMessage.objects.filter(
            phone=phone, help_request__isnull=True, feedback__isnull=True
        ).exclude(status__in=TEXTS_PENDING)
    )


def _feedback_anonymise(expired) -> int:
    """Named feedback loses the name and reply number, and the texts to that number."""
    phones = {phone for _pk, phone in expired.values_list("pk", "reply_phone") if phone}
    ids = list(expired.values_list("pk", flat=True))
    count = Feedback.objects.filter(pk__in=ids).update(
        name="", reply_phone="", anonymised_at=timezone.now()
    )
    _texts_scrub(OutboxMessage.objects.filter(feedback_id__in=ids))
    for phone in phones:
        _unlinked_texts_scrub(phone)
    return count
