"""Writes for the staff queue. Each action checks the user may do it, writes a timeline
event, a Wagtail log entry and an audit record, all in one transaction.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..blockages.services import blockage_clear
from ..help_requests.models import (
    ALLOWED_STATUS_CHANGES,
    EventKind,
    HelpRequest,
    HelpRequestStatus,
    Outcome,
    RequestEvent,
    ReReferral,
    ReReferralReason,
)
from ..localities.models import Locality
from ..mash_duty.services import mash_alert_raise
from ..outgoing_webhooks.models import WebhookEvent
from ..outgoing_webhooks.services import webhook_event_raise, webhook_status_changed
from ..staff_access.models import AuditAction
from ..staff_access.permissions import Action, can
from ..staff_access.services import audit_record
from ..texts.models import SmsTemplateKey
from ..texts.rules import REFUSAL_MESSAGES, text_refusal
from ..texts.selectors import is_opted_out
from ..texts.services import sms_queue
from ..tracking.models import TrackingCode
from ..waiting_times.services import status_spells_refresh
from .models import ContinuityAlert, LeadAgency
from .selectors import assignable_workers
from .selectors import family_practitioners as _family_practitioners
from .tasks import continuity_alert_send

PRACTITIONER_WINDOW = datetime.timedelta(days=365)
# The texts staff may choose to send from a request's page.
STAFF_TEMPLATES = [
    SmsTemplateKey.STATUS_UPDATE,
    SmsTemplateKey.TRY_TO_CALL,
    SmsTemplateKey.PRACTITIONER_ALLOCATED,
]


class ThirdPractitionerWarning(Exception):
    """Setting this lead practitioner would give the family a third in 12 months."""

    def __init__(self, practitioners: list[str]):
        super().__init__(", ".join(practitioners))
        self.practitioners = practitioners


def _require(user, action: Action, help_request: HelpRequest) -> None:
    if not can(user, action, help_request):
        raise PermissionDenied


def _record(help_request: HelpRequest, user, kind: str, summary: str, action: str, **data) -> None:
    RequestEvent.objects.create(
        help_request=help_request, kind=kind, actor=user, summary=summary, data=data
    )
    log(instance=help_request, action=f"early_help.{action}", user=user, data={"summary": summary})
    audit_record(user=user, action=AuditAction.CHANGED, help_request=help_request, summary=summary)
    status_spells_refresh(help_request=help_request)


def _locked(help_request: HelpRequest) -> HelpRequest:
    return HelpRequest.objects.select_for_update().get(pk=help_request.pk)


@transaction.atomic
def help_request_view(*, help_request: HelpRequest, user) -> None:
    """Record that someone opened the request: every time in the audit trail, and the
    first time per person as a "viewed" line on the timeline, which only administrators
    read (`selectors.timeline_events`)."""
    audit_record(user=user, action=AuditAction.VIEWED, help_request=help_request, summary="Viewed")
    if not RequestEvent.objects.filter(
        help_request=help_request, kind=EventKind.VIEWED, actor=user
    ).exists():
        RequestEvent.objects.create(
            help_request=help_request,
            kind=EventKind.VIEWED,
            actor=user,
            summary=f"First opened by {user.get_full_name() or user}",
        )


@transaction.atomic
def help_request_claim(*, help_request: HelpRequest, user) -> HelpRequest:
    """Take the request on yourself."""
    _require(user, Action.WORK, help_request)
    help_request = _locked(help_request)
    previous = help_request.status
    help_request.assigned_to = user
    if help_request.status in {HelpRequestStatus.SUBMITTED, HelpRequestStatus.TRIAGED}:
        help_request.status = HelpRequestStatus.ALLOCATED
    help_request.save(update_fields=["assigned_to", "status"])
    _record(
        help_request,
        user,
        EventKind.ASSIGNED,
        f"Claimed by {user.get_full_name() or user}",
        "claim",
    )
    webhook_status_changed(help_request=help_request, previous=previous)
    return help_request


@transaction.atomic
def help_request_assign(*, help_request: HelpRequest, user, worker) -> HelpRequest:
    """Give the request to a worker who may work on it."""
    _require(user, Action.ASSIGN, help_request)
    if not assignable_workers(help_request).filter(pk=worker.pk).exists():
        raise ValidationError(_("Choose a worker from this request's team."))
    help_request = _locked(help_request)
    previous = help_request.status
    help_request.assigned_to = worker
    if help_request.status in {HelpRequestStatus.SUBMITTED, HelpRequestStatus.TRIAGED}:
        help_request.status = HelpRequestStatus.ALLOCATED
    help_request.save(update_fields=["assigned_to", "status"])
    _record(
        help_request,
        user,
        EventKind.ASSIGNED,
        f"Assigned to {worker.get_full_name() or worker}",
        "assign",
        worker=worker.pk,
    )
    webhook_status_changed(help_request=help_request, previous=previous)
    return help_request


def family_practitioners(help_request: HelpRequest) -> list[str]:
    """Lead practitioners this family has had in the past 12 months, across linked requests."""
    return _family_practitioners(help_request, window=PRACTITIONER_WINDOW)


@transaction.atomic
def help_request_set_lead(
    *,
    help_request: HelpRequest,
    user,
    lead_agency: LeadAgency,
    lead_practitioner: str,
    confirmed: bool = False,
) -> HelpRequest:
    """Agree the one lead agency and lead practitioner. A change of either is a handover.

    Raises ThirdPractitionerWarning, changing nothing, when the family would get a third
    lead practitioner in 12 months, unless `confirmed`; once confirmed, the town's managers
    are told (`continuity_alert_raise`).
    """
    _require(user, Action.WORK, help_request)
    help_request = _locked(help_request)
    lead_practitioner = lead_practitioner.strip()
    agency_changes = help_request.lead_agency_id not in (None, lead_agency.pk)
    practitioner_changes = help_request.lead_practitioner.casefold() != lead_practitioner.casefold()
    known: list[str] = []
    new_to_family = False
    if practitioner_changes:
        known = family_practitioners(help_request)
        new_to_family = lead_practitioner.casefold() not in {n.casefold() for n in known}
    third_or_more = new_to_family and len(known) >= 2
    if third_or_more and not confirmed:
        raise ThirdPractitionerWarning(known)
    is_handover = agency_changes or (practitioner_changes and bool(help_request.lead_practitioner))
    help_request.lead_agency = lead_agency
    help_request.lead_practitioner = lead_practitioner
    if is_handover:
        help_request.handover_count += 1
    help_request.save(update_fields=["lead_agency", "lead_practitioner", "handover_count"])
    summary = f"Lead: {lead_agency.name}, {lead_practitioner}" + (
        " (handover)" if is_handover else ""
    )
    _record(
        help_request,
        user,
        EventKind.LEAD_CHANGED,
        summary,
        "set_lead",
        lead_agency=lead_agency.pk,
        lead_practitioner=lead_practitioner,
        handover=is_handover,
    )
    if practitioner_changes:
        sms_queue(help_request=help_request, key=SmsTemplateKey.PRACTITIONER_ALLOCATED, user=user)
    if third_or_more:
        continuity_alert_raise(help_request=help_request, user=user, practitioners=len(known) + 1)
    return help_request


def continuity_alert_raise(*, help_request: HelpRequest, user, practitioners: int):
    """Tell the managers of the request's town, after the commit, that the family now has
    `practitioners` lead practitioners in 12 months; note it on the timeline.

    The email (a task, sent once) gives the reference and a link, nothing personal.
    """
    alert = ContinuityAlert.objects.create(help_request=help_request, practitioners=practitioners)
    RequestEvent.objects.create(
        help_request=help_request,
        kind=EventKind.MANAGERS_TOLD,
        actor=user,
        summary=f"Lead practitioner number {practitioners} in 12 months: "
        "the town's managers are told",
        data={"continuity_alert": alert.pk, "practitioners": practitioners},
    )
    transaction.on_commit(lambda: continuity_alert_send.enqueue(alert.pk))
    return alert


@transaction.atomic
def help_request_change_status(
    *, help_request: HelpRequest, user, status: str, outcome: str = ""
) -> HelpRequest:
    """Move the request on. Closing needs an outcome; reopening counts as coming back."""
    _require(user, Action.WORK, help_request)
    help_request = _locked(help_request)
    if status not in ALLOWED_STATUS_CHANGES.get(help_request.status, set()):
        raise ValidationError(_("A request cannot move from this status to that one."))
    if status == HelpRequestStatus.CLOSED and outcome not in Outcome.values:
        raise ValidationError(_("Choose an outcome to close the request."))
    previous = help_request.status
    help_request.status = status
    now = timezone.now()
    if status == HelpRequestStatus.TRIAGED and help_request.triaged_at is None:
        help_request.triaged_at = now
    if status == HelpRequestStatus.CLOSED:
        help_request.closed_at, help_request.outcome = now, outcome
    if previous in HelpRequestStatus.finished():
        help_request.reopened_count += 1
        help_request.closed_at, help_request.outcome = None, ""
    help_request.save()
    label = HelpRequestStatus(status).label
    if status in HelpRequestStatus.finished():
        blockage_clear(help_request=help_request, user=user, because=f"request {status}")
    summary = f"Status: {label}" + (f" ({Outcome(outcome).label})" if outcome else "")
    _record(
        help_request,
        user,
        EventKind.STATUS_CHANGED,
        summary,
        "status",
        status=status,
        previous=previous,
        outcome=outcome,
    )
    webhook_status_changed(help_request=help_request, previous=previous)
    return help_request


@transaction.atomic
def help_request_pass_to_mash(*, help_request: HelpRequest, user, reason: str) -> HelpRequest:
    """A locality worker is worried: hand the request to MASH duty now."""
    _require(user, Action.PASS_TO_MASH, help_request)
    help_request = _locked(help_request)
    # Before it leaves the town's queue: MASH duty starts its own clock.
    blockage_clear(help_request=help_request, user=user, because="passed to MASH")
    previous = help_request.status
    help_request.in_mash_queue = True
    help_request.safeguarding_flag = True
    help_request.status = HelpRequestStatus.PASSED_TO_MASH
    help_request.assigned_to = None
    help_request.triaged_at = None
    help_request.save()
    _record(
        help_request,
        user,
        EventKind.PASSED_TO_MASH,
        f"Passed to MASH duty: {reason}"[:300],
        "pass_to_mash",
    )
    mash_alert_raise(help_request=help_request, reason="passed_to_mash")
    webhook_event_raise(event=WebhookEvent.REQUEST_URGENT, help_request=help_request)
    webhook_status_changed(help_request=help_request, previous=previous)
    return help_request


@transaction.atomic
def help_request_pass_back(
    *, help_request: HelpRequest, user, locality: Locality, note: str = ""
) -> HelpRequest:
    """MASH duty has triaged it: the town's early help team carries on."""
    _require(user, Action.PASS_BACK, help_request)
    help_request = _locked(help_request)
    previous = help_request.status
    help_request.in_mash_queue = False
    help_request.locality = locality
    help_request.status = HelpRequestStatus.TRIAGED
    help_request.assigned_to = None
    help_request.triaged_at = help_request.triaged_at or timezone.now()
    help_request.save()
    _record(
        help_request,
        user,
        EventKind.PASSED_BACK,
        f"Passed back to {locality.team_name}. {note}".strip()[:300],
        "pass_back",
    )
    webhook_status_changed(help_request=help_request, previous=previous)
    return help_request


@transaction.atomic
def help_request_route(*, help_request: HelpRequest, user, locality: Locality) -> HelpRequest:
    """Give a request whose town was not known to a town's team."""
    _require(user, Action.ROUTE, help_request)
    help_request = _locked(help_request)
    help_request.locality = locality
    help_request.save(update_fields=["locality"])
    _record(help_request, user, EventKind.ROUTED, f"Routed to {locality.team_name}", "route")
    return help_request


@transaction.atomic
def help_request_add_note(*, help_request: HelpRequest, user, text: str) -> RequestEvent:
    _require(user, Action.WORK, help_request)
    text = text.strip()
    if not text:
        raise ValidationError(_("Enter a note."))
    _record(help_request, user, EventKind.NOTE, text[:300], "note", text=text)
    return help_request.events.latest("pk")


@transaction.atomic
def help_request_record_contact(
    *, help_request: HelpRequest, user, made_contact: bool, note: str = ""
) -> HelpRequest:
    """A call, visit or message to the family. The first that reaches them starts the clock."""
    _require(user, Action.WORK, help_request)
    help_request = _locked(help_request)
    previous = help_request.status
    summary = (
        "Spoke to the family" if made_contact else "Tried to contact the family, no answer"
    ) + (f": {note}" if note else "")
    if made_contact and help_request.first_contact_at is None:
        help_request.first_contact_at = timezone.now()
        if help_request.status in {
            HelpRequestStatus.SUBMITTED,
            HelpRequestStatus.TRIAGED,
            HelpRequestStatus.ALLOCATED,
        }:
            help_request.status = HelpRequestStatus.IN_CONTACT
        help_request.save(update_fields=["first_contact_at", "status"])
    _record(
        help_request,
        user,
        EventKind.CONTACT_ATTEMPT,
        summary[:300],
        "contact",
        made_contact=made_contact,
        note=note,
    )
    webhook_status_changed(help_request=help_request, previous=previous)
    return help_request


@transaction.atomic
def help_request_tag_came_back(*, help_request: HelpRequest, user, reason: str) -> HelpRequest:
    """Say (or change) why a family came back, on a request linked to earlier ones."""
    _require(user, Action.WORK, help_request)
    if reason not in ReReferralReason.values:
        raise ValidationError(_("Choose why the family came back."))
    help_request = _locked(help_request)
    links = ReReferral.objects.filter(help_request=help_request)
    previous = links.exclude(reason="").values_list("reason", flat=True).first() or ""
    if not links.exists():
        raise ValidationError(_("This request is not linked to an earlier one."))
    links.update(reason=reason, tagged_by=user, tagged_at=timezone.now())
    summary = f"Came back because: {ReReferralReason(reason).label}" + (
        f" (was: {ReReferralReason(previous).label})" if previous and previous != reason else ""
    )
    _record(
        help_request,
        user,
        EventKind.CAME_BACK_TAGGED,
        summary,
        "came_back",
        reason=reason,
        previous=previous,
    )
    return help_request


def help_requests_export_record(
    *, user, summary: str, subject: str = "", details: dict | None = None
) -> None:
    audit_record(
        user=user, action=AuditAction.EXPORTED, summary=summary, subject=subject, details=details
    )


class TextNotAllowed(Exception):
    """The family said texting is not safe, replied STOP, or gave no mobile number."""


@transaction.atomic
def help_request_text(*, help_request: HelpRequest, user, key: str):
    """Staff send a text from a template. Refused, sending nothing, when it is not safe
    or when the text would have a blank in it."""
    _require(user, Action.WORK, help_request)
    if key not in STAFF_TEMPLATES:
        raise ValidationError(_("Choose a text to send."))
    safe_contact = getattr(help_request, "safe_contact", None)
    refusal = text_refusal(
        said_texting_is_safe=safe_contact is not None and safe_contact.may_text,
        phone=help_request.phone,
        opted_out=is_opted_out(help_request.phone),
    )
    if refusal is not None:
        raise TextNotAllowed(REFUSAL_MESSAGES[refusal])
    message = sms_queue(help_request=help_request, key=key, user=user)
    if message is None:
        raise ValidationError(_("That text has no words yet: ask comms to write it in Wagtail."))
    log(instance=help_request, action="early_help.text", user=user, data={"template": key})
    audit_record(
        user=user,
        action=AuditAction.CHANGED,
        help_request=help_request,
        summary=f"Text sent: {key}",
    )
    return message


@transaction.atomic
def help_request_tracking_set(*, help_request: HelpRequest, user, allowed: bool) -> HelpRequest:
    """Allow or stop "Where is my request?" for this request. Stopped, the family's page
    behaves exactly as when we cannot text them, and any code already sent stops working.
    """
    _require(user, Action.WORK, help_request)
    help_request = _locked(help_request)
    if help_request.tracking_allowed == allowed:
        return help_request
    help_request.tracking_allowed = allowed
    help_request.save(update_fields=["tracking_allowed"])
    if not allowed:
        TrackingCode.objects.filter(help_request=help_request).delete()
    _record(
        help_request,
        user,
        EventKind.TRACKING_CHANGED,
        "'Where is my request?' switched " + ("on" if allowed else "off"),
        "tracking",
        allowed=allowed,
    )
    return help_request


@transaction.atomic
def help_request_family_message_seen(*, help_request: HelpRequest, user) -> HelpRequest:
    """Someone has read what the family asked or added online: the queue stops showing it."""
    _require(user, Action.WORK, help_request)
    help_request = _locked(help_request)
    if not help_request.has_family_message:
        return help_request
    help_request.has_family_message = False
    help_request.save(update_fields=["has_family_message"])
    summary = "Marked the family's online message as seen"
    log(
        instance=help_request, action="early_help.family_seen", user=user, data={"summary": summary}
    )
    audit_record(user=user, action=AuditAction.CHANGED, help_request=help_request, summary=summary)
    return help_request
