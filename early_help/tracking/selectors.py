"""Reads for "Where is my request?"."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from ..councils.selectors import contact_phone
from ..help_requests.models import HelpRequest
from ..texts.rules import text_refusal
from ..texts.selectors import is_opted_out
from . import rules


def help_request_for_tracking(reference: str) -> HelpRequest | None:
    """The request with this (normalised) reference, if the family may see it online."""
    help_request = (
        HelpRequest.objects.select_related("safe_contact", "locality", "council")
        .filter(reference=reference)
        .first()
    )
    if help_request is None or not may_track(help_request):
        return None
    return help_request


def may_track(help_request: HelpRequest) -> bool:
    return rules.may_track(
        tracking_allowed=help_request.tracking_allowed,
        anonymised=help_request.anonymised_at is not None,
        status=help_request.status,
        closed_at=help_request.closed_at,
        now=timezone.now(),
    )


def may_text_a_code(help_request: HelpRequest) -> bool:
    """Whether we may text this request's family a code: the one may-we-text rule."""
    safe_contact = getattr(help_request, "safe_contact", None)
    return (
        text_refusal(
            said_texting_is_safe=safe_contact is not None and safe_contact.may_text,
            phone=help_request.phone,
            opted_out=is_opted_out(help_request.phone),
        )
        is None
    )


@dataclass(frozen=True)
class FamilyStatus:
    """All that the family's status page may show, and nothing else: no needs, no words
    anyone wrote, no agencies, no children, no address."""

    reference: str
    stage: rules.FamilyStage
    practitioner: str  # first name only, or ""
    team_phone: str
    respond_by: datetime.date | None
    late: bool  # the date we promised to get in touch by has passed
    is_open: bool


def family_status(help_request: HelpRequest) -> FamilyStatus:
    stage = rules.family_stage(
        status=help_request.status,
        first_contact_at=help_request.first_contact_at,
        has_worker=help_request.assigned_to_id is not None,
    )
    with_town = help_request.locality is not None and not help_request.in_mash_queue
    respond_by = help_request.respond_by
    return FamilyStatus(
        reference=help_request.reference,
        stage=stage,
        practitioner=rules.first_name_of(help_request.lead_practitioner),
        team_phone=help_request.locality.phone
        if with_town
        else contact_phone(help_request.council),
        respond_by=respond_by,
        late=(
            stage in (rules.FamilyStage.LOOKING, rules.FamilyStage.WORKER_CHOSEN)
            and respond_by is not None
            and respond_by < timezone.localdate()
        ),
        is_open=help_request.is_open,
    )


def verified_help_request(pk: int) -> HelpRequest | None:
    """The request a family proved with a code, if they may still see it."""
    help_request = HelpRequest.objects.select_related("locality", "council").filter(pk=pk).first()
    if help_request is None or not may_track(help_request):
        return None
    return help_request
