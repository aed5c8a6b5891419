"""Writes for text messages: queue a text, send it (with retries), take Twilio's reports.

Texts go only to people who said texting is safe and have not replied STOP, never
between 21:00 and 08:00, and never twice: a send claims its outbox row first, and a row
left "sending" by a worker that died is checked with Twilio before anything is resent.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import (
    EventKind,
    HelpRequest,
    HelpRequestStatus,
    OutboxMessage,
    RequestEvent,
    SmsDirection,
    SmsOptOut,
    SmsStatus,
    SmsTemplate,
    SmsTemplateKey,
)
from ..phones import is_uk_mobile, parse_phone
from ..sms.backends import (
    OPTED_OUT_CODES,
    OutgoingText,
    PermanentSMSError,
    RetryableSMSError,
    get_backend,
)
from ..sms.quiet_hours import next_send_time

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
STUCK_AFTER = datetime.timedelta(minutes=5)
LANGUAGE_CODES = {
    "English": "en",
    "Polish": "pl",
    "Urdu": "ur",
    "Punjabi": "pa",
    "Bengali": "bn",
    "Romanian": "ro",
}
STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}
START_WORDS = {"START", "UNSTOP"}
HELP_WORDS = {"HELP", "INFO"}
# Later states win; a report that arrives out of order never moves a text back.
STATUS_RANK = {
    SmsStatus.QUEUED: 0,
    SmsStatus.SENDING: 1,
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


def backoff(attempts: int) -> datetime.timedelta:
    """30 s, 1, 2, 4, 8 minutes... capped at an hour."""
    return datetime.timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def _enqueue(message: OutboxMessage) -> None:
    from django_tasks import default_task_backend

    from ..tasks import sms_send

    if message.send_after > timezone.now():
        if default_task_backend.supports_defer:
            sms_send.using(run_after=message.send_after).enqueue(message.pk)
        return  # held: `sms_drain` sends it when it is due
    sms_send.enqueue(message.pk)


def is_opted_out(phone) -> bool:
    return SmsOptOut.objects.filter(phone=phone).exists()


def _template(key: str, language: str) -> SmsTemplate | None:
    templates = SmsTemplate.objects.filter(key=key).select_related("locale")
    return (
        templates.filter(locale__language_code=language).first()
        or templates.filter(locale__language_code="en").first()
    )


def sms_render(
    *, help_request: HelpRequest, key: str, values: dict | None = None
) -> tuple[SmsTemplate, str] | None:
    """The template for this family's language and the text as they would read it."""
    template = _template(key, LANGUAGE_CODES.get(help_request.preferred_language, "en"))
    if template is None:
        return None
    locality = help_request.locality
    body = template.render(
        reference=help_request.reference,
        first_name=help_request.first_name,
        practitioner=help_request.lead_practitioner,
        team_phone=locality.phone if locality else settings.FAMILY_VOICE_CONTACT_PHONE,
        **(values or {}),
    )
    return template, body


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
    if safe_contact is None or not safe_contact.may_text or not is_uk_mobile(help_request.phone):
        status = SmsStatus.NOT_SAFE
    elif is_opted_out(help_request.phone):
        status = SmsStatus.OPTED_OUT
    else:
        status = SmsStatus.QUEUED
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            phone=help_request.phone,
            body=body,
            template_key=key,
            language=template.locale.language_code,
            help_request=help_request,
            sent_by=user,
            status=status,
            send_after=next_send_time(timezone.now()),
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
            transaction.on_commit(lambda: _enqueue(message))
    return message


def sms_queue_to_number(
    *, phone: str, key: str, values: dict, feedback=None
) -> OutboxMessage | None:
    """A text to someone with no request (the save-and-return link, a feedback reply)."""
    number = parse_phone(phone)
    template = _template(key, "en")
    if template is None or not is_uk_mobile(number):
        return None
    status = SmsStatus.OPTED_OUT if is_opted_out(number) else SmsStatus.QUEUED
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            phone=number,
            body=template.render(**values),
            template_key=key,
            language="en",
            status=status,
            send_after=next_send_time(timezone.now()),
        )
        if status == SmsStatus.QUEUED:
            transaction.on_commit(lambda: _enqueue(message))
    return message


def _claim(outbox_id: int) -> OutboxMessage | None:
    """Move a due, queued text to "sending" in its own transaction, or say it is not ours."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=outbox_id).first()
        if message is None or message.status != SmsStatus.QUEUED:
            return None  # a duplicate task, or already dealt with
        now = timezone.now()
        if message.send_after > now:
            return None
        if is_opted_out(message.phone):
            message.status = SmsStatus.OPTED_OUT
            message.save(update_fields=["status", "updated_at"])
            return None
        due = next_send_time(now)
        if due > now:
            message.send_after = due
            message.save(update_fields=["send_after", "updated_at"])
            return None
        message.status = SmsStatus.SENDING
        message.attempts += 1
        message.claimed_at = now
        message.save(update_fields=["status", "attempts", "claimed_at", "updated_at"])
        return message


def sms_process(*, outbox_id: int) -> str | None:
    """Send one queued text now. Returns its new status, or None when there was nothing to do."""
    message = _claim(outbox_id)
    if message is None:
        return None
    text = OutgoingText(outbox_id=message.pk, to=message.phone.as_e164, body=message.body)
    try:
        sid = get_backend().send(text)
    except RetryableSMSError as error:
        return _retry_later(message, str(error))
    except PermanentSMSError as error:
        return _fail(message, str(error), error.code)
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=message.pk, status=SmsStatus.SENDING).update(
            twilio_sid=sid, status=SmsStatus.SENT, sent_at=timezone.now(), last_error=""
        )
        if not updated:  # a delivery report got here first: keep its status, record the id
            OutboxMessage.objects.filter(pk=message.pk).update(
                twilio_sid=sid, sent_at=timezone.now()
            )
    return SmsStatus.SENT


def _retry_later(message: OutboxMessage, error: str) -> str:
    if message.attempts >= MAX_ATTEMPTS:
        return _fail(message, f"Gave up after {message.attempts} tries: {error}", None)
    message.status = SmsStatus.QUEUED
    message.send_after = next_send_time(timezone.now() + backoff(message.attempts))
    message.last_error = error[:200]
    message.save(update_fields=["status", "send_after", "last_error", "updated_at"])
    _enqueue(message)
    return SmsStatus.QUEUED


def _fail(message: OutboxMessage, error: str, code: int | None) -> str:
    opted_out = code in OPTED_OUT_CODES
    message.status = SmsStatus.OPTED_OUT if opted_out else SmsStatus.FAILED
    message.last_error = error[:200]
    message.error_code = code
    message.save(update_fields=["status", "last_error", "error_code", "updated_at"])
    if opted_out:
        SmsOptOut.objects.get_or_create(phone=message.phone)
    if message.help_request_id:
        RequestEvent.objects.create(
            help_request_id=message.help_request_id,
            kind=EventKind.SMS_OUT,
            summary=f"Text failed: {error}"[:300],
            data={"outbox": message.pk},
        )
    return message.status


def sms_drain(*, limit: int = 500) -> int:
    """Send texts that are due, and settle texts a dead worker left half-sent.

    For those, Twilio is asked first: if it took the text, we keep its id and send
    nothing; only if it did not is the text queued again.
    """
    now = timezone.now()
    stuck = OutboxMessage.objects.filter(
        status=SmsStatus.SENDING, claimed_at__lt=now - STUCK_AFTER
    )[:limit]
    backend = get_backend()
    for message in stuck:
        text = OutgoingText(outbox_id=message.pk, to=message.phone.as_e164, body=message.body)
        try:
            sid = backend.find_sent(text, since=message.claimed_at - datetime.timedelta(minutes=1))
        except RetryableSMSError:
            continue
        if sid:
            OutboxMessage.objects.filter(pk=message.pk, status=SmsStatus.SENDING).update(
                twilio_sid=sid, status=SmsStatus.SENT, sent_at=message.claimed_at
            )
        else:
            OutboxMessage.objects.filter(pk=message.pk, status=SmsStatus.SENDING).update(
                status=SmsStatus.QUEUED
            )
    due = OutboxMessage.objects.filter(status=SmsStatus.QUEUED, send_after__lte=now).values_list(
        "pk", flat=True
    )[:limit]
    sent = 0
    for outbox_id in list(due):
        if sms_process(outbox_id=outbox_id):
            sent += 1
    return sent


def sms_status_update(
    *, sid: str, status: str, outbox_id: str | None = None, error_code: str | None = None
) -> None:
    """Twilio's delivery report. Safe to receive twice, or out of order."""
    new = TWILIO_STATUSES.get(status)
    if new is None:
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
    """A text from someone: a keyword, or a reply that joins their open request."""
    number = parse_phone(sender)
    if number is None:
        number = sender
    existing = OutboxMessage.objects.filter(twilio_sid=sid).first()
    if existing is not None:
        return existing  # Twilio retried the webhook
    keyword = body.strip().upper()
    open_request = (
        HelpRequest.objects.filter(phone=number)
        .exclude(status__in=[HelpRequestStatus.CLOSED, HelpRequestStatus.WITHDRAWN])
        .order_by("-submitted_at")
        .first()
    )
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            direction=SmsDirection.INBOUND,
            phone=number,
            body=body[:1600],
            status=SmsStatus.RECEIVED,
            twilio_sid=sid,
            help_request=open_request,
        )
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
            values={"team_phone": settings.FAMILY_VOICE_CONTACT_PHONE},
        )
    return message
