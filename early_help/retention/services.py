"""Retention: personal details are removed when they are no longer needed (DESIGN.md rule 6).

What stays is what the reports need: dates, town, status, outcome, needs, counts. Run
daily (`manage.py apply_retention`, from cron).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..feedback.models import Feedback
from ..help_requests.models import Child, EventKind, HelpRequest, HelpRequestStatus, RequestEvent
from ..shared.postcodes import postcode_sector
from ..texts.models import OutboxMessage

REMOVED = "[removed]"


@dataclass(frozen=True)
class RetentionResult:
    help_requests: int
    texts: int
    feedback: int


def _days(setting: str) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=getattr(settings, setting))


@transaction.atomic
def retention_apply() -> RetentionResult:
    """Anonymise what has passed its retention period. Safe to run again."""
    cutoff = _days("FAMILY_VOICE_RETENTION_DAYS_HELP_REQUESTS")
    expired = HelpRequest.objects.filter(
        anonymised_at__isnull=True,
        status__in=[HelpRequestStatus.CLOSED, HelpRequestStatus.WITHDRAWN],
        closed_at__lt=cutoff,
    )
    count = 0
    for help_request in expired.iterator():
        _help_request_anonymise(help_request)
        count += 1

    texts = OutboxMessage.objects.filter(
        created_at__lt=_days("FAMILY_VOICE_RETENTION_DAYS_TEXTS")
    ).exclude(body=REMOVED)
    text_count = texts.update(body=REMOVED, phone="")

    feedback = Feedback.objects.filter(
        anonymised_at__isnull=True,
        anonymous=False,
        received_on__lt=_days("FAMILY_VOICE_RETENTION_DAYS_FEEDBACK").date(),
    )
    feedback_count = feedback.update(name="", reply_phone="", anonymised_at=timezone.now())
    return RetentionResult(help_requests=count, texts=text_count, feedback=feedback_count)


def _help_request_anonymise(help_request: HelpRequest) -> None:
    help_request.first_name = REMOVED
    help_request.last_name = ""
    help_request.date_of_birth = None
    help_request.phone = ""
    help_request.email = ""
    help_request.postcode = (
        postcode_sector(help_request.postcode) or ""
    )  # the sector is not personal
    help_request.description = ""
    help_request.help_wanted = REMOVED
    help_request.other_agencies = ""
    help_request.lead_practitioner = ""
    help_request.anonymised_at = timezone.now()
    help_request.save()
    Child.objects.filter(help_request=help_request).update(
        first_name=REMOVED, date_of_birth=None, due_date=None, school=""
    )
    RequestEvent.objects.filter(help_request=help_request, kind=EventKind.NOTE).update(
        summary=REMOVED, data={}
    )
    RequestEvent.objects.filter(help_request=help_request, kind=EventKind.CONTACT_ATTEMPT).update(
        data={}
    )
    RequestEvent.objects.filter(help_request=help_request, kind=EventKind.LEAD_CHANGED).update(
        data={}
    )
    RequestEvent.objects.create(
        help_request=help_request,
        kind=EventKind.STATUS_CHANGED,
        summary="Personal details removed (retention)",
    )
