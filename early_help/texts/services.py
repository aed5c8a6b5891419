"""Writes for text messages: queue a text to a family, and take in what Twilio tells us.

Texts go only to people who said texting is safe and have not replied STOP
(`texts.rules`), never in quiet hours (unless they are waiting for it on the page, such
as a one-time code), and are sent by the task worker after the
database commit (`texts.tasks`, `texts.delivery`).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..councils.selectors import contact_phone
from ..help_requests.models import EventKind, HelpRequest, RequestEvent
from ..shared.languages import ENGLISH
from ..shared.phones import parse_phone
from .backends import OPTED_OUT_CODES
from .models import (
    OutboxMessage,
    SmsDirection,
    SmsOptOut,
    SmsStatus,
    SmsTemplate,
    SmsTemplateKey,
)
from .rules import REFUSAL_STATUS, first_send_time, text_refusal
from .selectors import is_opted_out, sms_template_for
from .tasks import sms_send_enqueue

logger = logging.getLogger(__name__)

STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}
START_WORDS = {"START", "UNSTOP"}
HELP_WORDS = {"HELP", "INFO"}
# Later states win; a report that arrives out of order never moves a text back.
STATUS_RANK = {
    SmsStatus.QUEUED: 0,
    SmsStatus.SENDING: 1,
    # A report for a text we were unsure of settles it: Twilio has it.
    SmsStatus.UNCONFIRMED: 1,
    SmsStatus.SENT: 2,
    SmsStatus.UNDELIVERED: 3,
    SmsStatus.FAILED: 3,
    SmsStatus.DELIVERED: 4,
}
TWILIO_STATUSES = {
    "queued": SmsStatus.SENT,
    "accepted": SmsStatus.SENT,
    "sending": SmsStatus.SENT,
    "sent": SmsStatus.SENT,
    "delivered": SmsStatus.DELIVERED,
    "undelivered": SmsStatus.UNDELIVERED,
    "failed": SmsStatus.FAILED,
}


class TextIncomplete(ValidationError):
    """The text would go out with a blank where a name or number belongs."""


def _enqueue_on_commit(message: OutboxMessage) -> None:
    transaction.on_commit(lambda: sms_send_enqueue(message.pk, when=message.send_after))


def sms_render(
    *, help_request: HelpRequest, key: str, values: dict | None = None
) -> tuple[SmsTemplate, str] | None:
    """The template in this family's language and the text as they would read it.

    None when there is no template at all. Raises TextIncomplete when a placeholder the
    template uses would be empty (a practitioner's name before one is set).
    """
    template = sms_template_for(
        key, help_request.preferred_language or ENGLISH, council=help_request.council
    )
    if template is None:
        return None
    locality = help_request.locality
    filled = {
        "reference": help_request.reference,
        "first_name": help_request.first_name,
        "practitioner": help_request.lead_practitioner,
        "team_phone": locality.phone if locality else contact_phone(help_request.council),
        **(values or {}),
    }
    missing = template.missing_values(filled)
    if missing:
        raise TextIncomplete(
            _("That text needs %(missing)s, which this request does not have yet.")
            % {"missing": ", ".join(missing)}
        )
    return template, template.render(**filled)


def sms_queue(
    *, help_request: HelpRequest, key: str, user=None, values: dict | None = None
) -> OutboxMessage | None:
    """Queue a text to the family from a template, if they said texting is safe.

    A text that must not go is still recorded (status not_safe or opted_out), so staff
    can see why nothing was sent. Returns the outbox row, or None without a template.
    """
    rendered = sms_render(help_request=help_request, key=key, values=values)
    if rendered is None:
        logger.warning("No text template %s", key)
        return None
    template, body = rendered
    safe_contact = getattr(help_request, "safe_contact", None)
    refusal = text_refusal(
        said_texting_is_safe=safe_contact is not None and safe_contact.may_text,
        phone=help_request.phone,
        opted_out=is_opted_out(help_request.phone),
    )
    status = REFUSAL_STATUS[refusal] if refusal else SmsStatus.QUEUED
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            phone=help_request.phone,
            body=body,
            template_key=key,
            language=template.locale.language_code,
            help_request=help_request,
            sent_by=user,
            status=status,
            send_after=first_send_time(to_staff=False, template_key=key, now=timezone.now()),
        )
        label = SmsTemplateKey(key).label
        summary = (
            f"Text queued: {label}"
            if status == SmsStatus.QUEUED
            else f"Text not sent ({SmsStatus(status).label}): {label}"
        )
        RequestEvent.objects.create(
            help_request=help_request,
            kind=EventKind.SMS_OUT,
            actor=user,
            summary=summary,
            data={"outbox": message.pk},
        )
        if status == SmsStatus.QUEUED:
            _enqueue_on_commit(message)
    return message


def sms_queue_to_number(
    *, phone: str, key: str, values: dict, language: str = ENGLISH, feedback=None
) -> OutboxMessage | None:
    """A text to someone with no request (the save-and-return link, a feedback reply).

    They asked for this text on the page, so asking is their "texting is safe".
    """
    number = parse_phone(phone)
    template = sms_template_for(key, language)
    if template is None or template.missing_values(values):
        return None
    refusal = text_refusal(said_texting_is_safe=True, phone=number, opted_out=is_opted_out(number))
    if refusal is not None and REFUSAL_STATUS[refusal] == SmsStatus.NOT_SAFE:
        return None
    status = REFUSAL_STATUS[refusal] if refusal else SmsStatus.QUEUED
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            phone=number,
            body=template.render(**values),
            template_key=key,
            language=template.locale.language_code,
            feedback=feedback,
            status=status,
            send_after=first_send_time(to_staff=False, template_key=key, now=timezone.now()),
        )
        if status == SmsStatus.QUEUED:
            _enqueue_on_commit(message)
    return message


def sms_queue_to_staff(*, phone, body: str) -> OutboxMessage:
    """A text to a member of staff (a MASH duty alert). It never names a family."""
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            phone=phone,
            body=body,
            status=SmsStatus.QUEUED,
            to_staff=True,  # quiet hours protect families, not the duty team
            send_after=timezone.now(),
        )
        _enqueue_on_commit(message)
    return message


def sms_status_update(
    *, sid: str, status: str, outbox_id: str | None = None, error_code: str | None = None
) -> None:
    """Twilio's delivery report. Safe to receive twice, or out of order."""
    new = TWILIO_STATUSES.get(status)
    if new is None or not sid:
        return
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(twilio_sid=sid).first()
        if message is None and outbox_id and outbox_id.isdigit():
            message = (
                OutboxMessage.objects.select_for_update()
                .filter(pk=int(outbox_id), twilio_sid__isnull=True)
                .first()
            )
        if message is None or STATUS_RANK.get(new, 0) <= STATUS_RANK.get(message.status, 0):
            return
        message.status = new
        message.twilio_sid = sid
        if new == SmsStatus.DELIVERED:
            message.delivered_at = timezone.now()
        if error_code and error_code.isdigit():
            message.error_code = int(error_code)
            if message.error_code in OPTED_OUT_CODES:
                SmsOptOut.objects.get_or_create(phone=message.phone)
        message.save()


def sms_inbound(*, sender: str, body: str, sid: str) -> OutboxMessage:
    """A text from someone: a keyword, or a reply that joins their open request.

    `sender` and `sid` must not be blank (the webhook refuses those): a blank number would
    match requests that have no phone, and a blank id would make later texts look like
    retries.
    """
    if not sender.strip() or not sid.strip():
        raise ValueError("An incoming text needs a sender and a message id")
    existing = OutboxMessage.objects.filter(twilio_sid=sid).first()
    if existing is not None:
        return existing  # Twilio retried the webhook
    number = parse_phone(sender)
    keyword = body.strip().upper()
    open_request = (
        HelpRequest.objects.open().filter(phone=number).order_by("-submitted_at").first()
        if number is not None
        else None
    )
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            direction=SmsDirection.INBOUND,
            phone=number if number is not None else sender[:30],
            body=body[:1600],
            status=SmsStatus.RECEIVED,
            twilio_sid=sid,
            help_request=open_request,
        )
        if number is None:
            return message  # not a number we can text or match: it waits for staff
        if keyword in STOP_WORDS:
            SmsOptOut.objects.get_or_create(phone=number)
            summary = "Replied STOP: no more texts"
        elif keyword in START_WORDS:
            SmsOptOut.objects.filter(phone=number).delete()
            summary = "Replied START: texts allowed again"
        elif keyword in HELP_WORDS:
            summary = "Replied HELP"
        else:
            summary = "Text reply from the family"
            if open_request is not None:
                HelpRequest.objects.filter(pk=open_request.pk).update(has_unread_reply=True)
        if open_request is not None:
            RequestEvent.objects.create(
                help_request=open_request,
                kind=EventKind.SMS_IN,
                summary=summary,
                data={"outbox": message.pk},
            )
    if keyword in HELP_WORDS and not is_opted_out(number):
        sms_queue_to_number(
            phone=str(number),
            key=SmsTemplateKey.HELP_REPLY,
            values={
                "team_phone": open_request.locality.phone
                if open_request is not None and open_request.locality
                else contact_phone(open_request.council if open_request is not None else None)
            },
            language=open_request.preferred_language
            if open_request is not None and open_request.preferred_language
            else ENGLISH,
        )
    return message
