"""Sending queued texts through the SMS backend, as the task worker does it.

A text goes only once: a send claims its outbox row first, and a row left "sending" by a
worker that died is checked with the provider before anything is sent again. Nothing here
enqueues tasks: `sms_deliver` says when to try again and the task does the enqueueing.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..help_requests.models import EventKind, RequestEvent
from .backends import (
    OPTED_OUT_CODES,
    OutgoingText,
    PermanentSMSError,
    RetryableSMSError,
    get_backend,
)
from .models import OutboxMessage, SmsOptOut, SmsStatus
from .quiet_hours import next_send_time
from .selectors import is_opted_out

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
STUCK_AFTER = datetime.timedelta(minutes=5)


@dataclass(frozen=True)
class Delivery:
    """What happened to one text: its status now, and when to try again if it must wait."""

    status: str | None
    retry_at: datetime.datetime | None = None


def backoff(attempts: int) -> datetime.timedelta:
    """30 s, 1, 2, 4, 8 minutes... capped at an hour."""
    return datetime.timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def _claim(outbox_id: int) -> OutboxMessage | Delivery:
    """Move a due, queued text to "sending" in its own transaction, or say why not."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=outbox_id).first()
        if message is None or message.status != SmsStatus.QUEUED:
            return Delivery(None)  # a duplicate task, or already dealt with
        now = timezone.now()
        if message.send_after > now:
            return Delivery(None, retry_at=message.send_after)
        if is_opted_out(message.phone):
            message.status = SmsStatus.OPTED_OUT
            message.save(update_fields=["status", "updated_at"])
            return Delivery(SmsStatus.OPTED_OUT)
        due = now if message.to_staff else next_send_time(now)
        if due > now:
            message.send_after = due
            message.save(update_fields=["send_after", "updated_at"])
            return Delivery(None, retry_at=due)
        message.status = SmsStatus.SENDING
        message.attempts += 1
        message.claimed_at = now
        message.save(update_fields=["status", "attempts", "claimed_at", "updated_at"])
        return message


def sms_deliver(*, outbox_id: int) -> Delivery:
    """Send one queued text now, if it is still ours to send and due."""
    claimed = _claim(outbox_id)
    if isinstance(claimed, Delivery):
        return claimed
    message = claimed
    text = OutgoingText(outbox_id=message.pk, to=message.phone.as_e164, body=message.body)
    try:
        sid = get_backend().send(text)
    except RetryableSMSError as error:
        return _retry_later(message, str(error))
    except PermanentSMSError as error:
        return Delivery(_fail(message, str(error), error.code))
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=message.pk, status=SmsStatus.SENDING).update(
            twilio_sid=sid, status=SmsStatus.SENT, sent_at=timezone.now(), last_error=""
        )
        if not updated:  # a delivery report got here first: keep its status, record the id
            OutboxMessage.objects.filter(pk=message.pk).update(
                twilio_sid=sid, sent_at=timezone.now()
            )
    return Delivery(SmsStatus.SENT)


def _retry_later(message: OutboxMessage, error: str) -> Delivery:
    if message.attempts >= MAX_ATTEMPTS:
        return Delivery(_fail(message, f"Gave up after {message.attempts} tries: {error}", None))
    message.status = SmsStatus.QUEUED
    message.send_after = next_send_time(timezone.now() + backoff(message.attempts))
    message.last_error = error[:200]
    message.save(update_fields=["status", "send_after", "last_error", "updated_at"])
    return Delivery(SmsStatus.QUEUED, retry_at=message.send_after)


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

    For those, the provider is asked first: if it took the text, we keep its id and send
    nothing; only if it did not is the text queued again. Returns how many were sent.
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
        if sms_deliver(outbox_id=outbox_id).status == SmsStatus.SENT:
            sent += 1
    return sent
