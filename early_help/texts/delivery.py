"""Sending queued texts through the SMS backend, as the task worker does it.

A text goes exactly once, even when the provider's answer is lost:

- A send claims its outbox row first ("queued" to "sending"), so a duplicate task sends
  nothing. Every later write about that send names the claim (its `attempts` number), so
  a worker that was given up for dead cannot overwrite what was decided since.
- When the backend cannot tell whether the provider took the text (its answer timed out,
  the connection dropped, a 5xx), the row becomes "unconfirmed". Only a look-up settles
  it, once every send must be over and the provider's list has caught up
  (`check_delay()` after the claim): found, we keep the provider's id; not found, the
  text is queued again. A row a dead worker left "sending" is settled the same way.
- Two identical texts to one number are never in flight together, so a look-up can
  never take one for the other.
- A 429 waits at least as long as its Retry-After asks, and does not use up a try.

Nothing here enqueues tasks: `sms_deliver` says when to come back and the task does the
enqueueing. `tasks.sms_recover` (every minute) and `sms_drain` (every few minutes) catch
texts whose task was lost.
"""

import datetime
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ..feedback.models import Feedback
from ..help_requests.models import EventKind, HelpRequest, RequestEvent
from .backends import (
    OPTED_OUT_CODES,
    MaybeSentSMSError,
    OutgoingText,
    PermanentSMSError,
    RetryableSMSError,
    get_backend,
)
from .models import OutboxMessage, SmsDirection, SmsOptOut, SmsStatus
from .quiet_hours import next_send_time
from .rules import waits_for_quiet_hours
from .selectors import is_opted_out

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
RETRY_BASE = datetime.timedelta(seconds=30)
MAX_BACKOFF = datetime.timedelta(hours=1)
# Twilio lists a message it took within seconds. A look-up waits at least this long after
# the send began, so that "not in the list" means "not taken".
CHECK_AFTER = datetime.timedelta(seconds=30)
# Twilio's clock and ours may disagree a little: a look-up reaches this much further back.
CLOCK_SKEW = datetime.timedelta(minutes=2)
# Even "Retry-After: 0" waits this long: a tight loop of 429s helps nobody.
MIN_RATE_LIMIT_WAIT = datetime.timedelta(seconds=1)
# `sms_recover` stops starting new look-ups after this long, so that a run every minute
# never overlaps the next one when Twilio is slow.
RECOVER_BUDGET_SECONDS = 40

IN_DOUBT = (SmsStatus.SENDING, SmsStatus.UNCONFIRMED)


@dataclass(frozen=True)
class Delivery:
    """What happened to one text: its status now, and when to try again if it must wait."""

    status: str | None
    retry_at: datetime.datetime | None = None


def backoff(attempts: int) -> datetime.timedelta:
    """30 s, 1, 2, 4, 8 minutes... capped at an hour."""
    return min(RETRY_BASE * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def check_delay() -> datetime.timedelta:
    """How long after a send began we may look it up: longer than any send can take (three
    times the HTTP timeout: connecting, writing, reading) and than Twilio's list lags."""
    return max(CHECK_AFTER, 3 * datetime.timedelta(seconds=settings.TWILIO_TIMEOUT_SECONDS))


def _text(message: OutboxMessage) -> OutgoingText:
    return OutgoingText(
        outbox_id=message.pk,
        to=message.phone.as_e164,
        body=message.body,
        sender=_council_sender(message),
    )


def _council_sender(message: OutboxMessage) -> str:
    """The sender of the council whose family this text is for (its request's council, or
    the council of the team a feedback is about); blank for the deployment's own."""
    if message.help_request_id:
        found = HelpRequest.objects.filter(pk=message.help_request_id).values_list(
            "council__sms_sender", flat=True
        )
    elif message.feedback_id:
        found = Feedback.objects.filter(pk=message.feedback_id).values_list(
            "team__council__sms_sender", flat=True
        )
    else:
        return ""
    return found.first() or ""


def _this_claim(message: OutboxMessage):
    """The row, only while it is still in the state this worker left it in."""
    return OutboxMessage.objects.filter(
        pk=message.pk, status=message.status, attempts=message.attempts
    )


def sms_deliver(*, outbox_id: int) -> Delivery:
    """Send one text if it is still ours to send and due, or settle one that may have gone.

    A text in doubt ("sending" past its time, or "unconfirmed") is looked up in the
    provider first: found, it is recorded as sent with the provider's id and nothing is
    sent; not found, it is sent again now (or later, after backoff). Returns the status
    and, when the text must wait, when to come back.
    """
    message = OutboxMessage.objects.filter(pk=outbox_id).first()
    if message is None:
        return Delivery(None)
    if message.status in IN_DOUBT:
        settled = _settle(message)
        if settled is not None:
            return settled
    return _send(outbox_id)


def _settle(message: OutboxMessage) -> Delivery | None:
    """Look up a text whose send may have gone. None when it was not sent and is due now."""
    now = timezone.now()
    began = message.claimed_at or message.updated_at
    due = began + check_delay()
    if now < due:
        # Its send may still be under way: come back when it must be over.
        return Delivery(None, retry_at=due)
    if message.status == SmsStatus.SENDING:
        # Nobody is sending it any more (the worker died): say so while we look.
        if not _this_claim(message).update(status=SmsStatus.UNCONFIRMED):
            return _come_back(message.pk)
        message.status = SmsStatus.UNCONFIRMED
    # Twilio ids already recorded for this number belong to other texts, such as an
    # identical text sent yesterday: they never settle this one.
    taken = set(
        OutboxMessage.objects.filter(phone=message.phone, twilio_sid__isnull=False).values_list(
            "twilio_sid", flat=True
        )
    )
    try:
        sid = get_backend().find_sent(_text(message), since=began - CLOCK_SKEW, exclude=taken)
    except RetryableSMSError as error:
        # We cannot ask now: the text stays in doubt, and nothing is sent blind.
        wait = max(backoff(1), error.retry_after or datetime.timedelta(0))
        return Delivery(None, retry_at=now + wait)
    if sid:
        try:
            with transaction.atomic():
                updated = _this_claim(message).update(
                    status=SmsStatus.SENT, twilio_sid=sid, sent_at=began, last_error=""
                )
        except IntegrityError:  # another look-up recorded this id on a twin meanwhile
            return Delivery(None, retry_at=now + backoff(1))
        return Delivery(SmsStatus.SENT) if updated else _come_back(message.pk)
    if message.attempts - message.rate_limited >= MAX_ATTEMPTS:
        with transaction.atomic():
            mine = _this_claim(message).select_for_update().first()
            if mine is None:
                return _come_back(message.pk)
            return Delivery(
                _fail(mine, f"Gave up after {mine.attempts} tries: {mine.last_error}", None)
            )
    send_after = max(now, began + backoff(message.attempts))
    if not _this_claim(message).update(status=SmsStatus.QUEUED, send_after=send_after):
        return _come_back(message.pk)  # a delivery report or another look-up got there first
    if send_after > now:
        return Delivery(SmsStatus.QUEUED, retry_at=send_after)
    return None


def _come_back(outbox_id: int) -> Delivery:
    """Someone else moved the text while we worked on it: say when it next needs a look,
    so the task that lost the race still follows it (another task may too: harmless)."""
    message = OutboxMessage.objects.filter(pk=outbox_id).first()
    now = timezone.now()
    if message is None:
        return Delivery(None)
    if message.status == SmsStatus.QUEUED:
        return Delivery(None, retry_at=max(message.send_after, now))
    if message.status in IN_DOUBT:
        began = message.claimed_at or message.updated_at
        return Delivery(None, retry_at=max(began + check_delay(), now + MIN_RATE_LIMIT_WAIT))
    return Delivery(None)


def _claim(outbox_id: int) -> OutboxMessage | Delivery:
    """Move a due, queued text to "sending" in its own transaction, or say why not."""
    with transaction.atomic():
        found = OutboxMessage.objects.filter(pk=outbox_id).values("phone", "body").first()
        if found is None:
            return Delivery(None)
        # Lock the text with every open twin (same number, same words) in one ordered
        # query: two workers claiming twins take the locks in the same order, so the
        # second sees the first's claim.
        rows = list(
            OutboxMessage.objects.select_for_update()
            .filter(
                Q(pk=outbox_id)
                | Q(
                    phone=found["phone"],
                    body=found["body"],
                    direction=SmsDirection.OUTBOUND,
                    status__in=(SmsStatus.QUEUED, *IN_DOUBT),
                )
            )
            .order_by("pk")
        )
        message = next((row for row in rows if row.pk == outbox_id), None)
        if message is None or message.status != SmsStatus.QUEUED:
            return Delivery(None)  # a duplicate task, or already dealt with
        now = timezone.now()
        if message.send_after > now:
            return Delivery(None, retry_at=message.send_after)
        if is_opted_out(message.phone):
            message.status = SmsStatus.OPTED_OUT
            message.save(update_fields=["status", "updated_at"])
            return Delivery(SmsStatus.OPTED_OUT)
        held = waits_for_quiet_hours(to_staff=message.to_staff, template_key=message.template_key)
        due = next_send_time(now) if held else now
        if due > now:
            message.send_after = due
            message.save(update_fields=["send_after", "updated_at"])
            return Delivery(None, retry_at=due)
        if any(row.pk != outbox_id and row.status in IN_DOUBT for row in rows):
            # An identical text to this number may be out there unconfirmed: sending this
            # one now would leave a look-up unable to tell which of the two Twilio took.
            return Delivery(None, retry_at=now + check_delay())
        message.status = SmsStatus.SENDING
        message.attempts += 1
        message.claimed_at = now
        message.save(update_fields=["status", "attempts", "claimed_at", "updated_at"])
        return message


def _send(outbox_id: int) -> Delivery:
    claimed = _claim(outbox_id)
    if isinstance(claimed, Delivery):
        return claimed
    message = claimed
    try:
        sid = get_backend().send(_text(message))
    except RetryableSMSError as error:
        return _retry_later(message, error)
    except MaybeSentSMSError as error:
        return _maybe_sent(message, error)
    except PermanentSMSError as error:
        with transaction.atomic():
            mine = _this_claim(message).select_for_update().first()
            if mine is None:
                return _come_back(message.pk)
            return Delivery(_fail(mine, str(error), error.code))
    _record_sent(message, sid)
    return Delivery(SmsStatus.SENT)


def _record_sent(message: OutboxMessage, sid: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        if _this_claim(message).update(
            twilio_sid=sid, status=SmsStatus.SENT, sent_at=now, last_error=""
        ):
            return
        # Something got here first: a delivery report (which recorded this same id), or a
        # look-up that gave this worker up for dead. Twilio took the text either way.
        current = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if current.twilio_sid is None:
            current.twilio_sid = sid
            current.sent_at = now
            if current.status in {SmsStatus.QUEUED, SmsStatus.UNCONFIRMED, SmsStatus.SENDING}:
                current.status = SmsStatus.SENT  # and so it is never sent again
            current.save(update_fields=["twilio_sid", "sent_at", "status", "updated_at"])
        elif current.twilio_sid != sid:
            logger.error(
                "Text %s was sent twice (Twilio ids %s and %s)", message.pk, current.twilio_sid, sid
            )


def _retry_later(message: OutboxMessage, error: RetryableSMSError) -> Delivery:
    """Not sent: queue it again after backoff, or after the wait a 429 asked for."""
    rate_limited = message.rate_limited + (1 if error.rate_limited else 0)
    if not error.rate_limited and message.attempts - message.rate_limited >= MAX_ATTEMPTS:
        with transaction.atomic():
            mine = _this_claim(message).select_for_update().first()
            if mine is None:
                return _come_back(message.pk)
            return Delivery(_fail(mine, f"Gave up after {mine.attempts} tries: {error}", None))
    if error.retry_after is not None:
        wait = max(error.retry_after, MIN_RATE_LIMIT_WAIT)
    else:
        wait = backoff(message.attempts)
    send_after = timezone.now() + wait
    if waits_for_quiet_hours(to_staff=message.to_staff, template_key=message.template_key):
        send_after = next_send_time(send_after)
    updated = _this_claim(message).update(
        status=SmsStatus.QUEUED,
        send_after=send_after,
        rate_limited=rate_limited,
        last_error=str(error)[:200],
    )
    if not updated:
        return _come_back(message.pk)
    return Delivery(SmsStatus.QUEUED, retry_at=send_after)


def _maybe_sent(message: OutboxMessage, error: MaybeSentSMSError) -> Delivery:
    """Maybe sent: only a look-up, once the provider's list has caught up, may settle it."""
    updated = _this_claim(message).update(
        status=SmsStatus.UNCONFIRMED, last_error=str(error)[:200], error_code=error.code
    )
    if not updated:
        return _come_back(message.pk)
    return Delivery(SmsStatus.UNCONFIRMED, retry_at=message.claimed_at + check_delay())


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


def sms_settle_overdue(*, limit: int = 200) -> list[tuple[int, Delivery]]:
    """Settle texts whose send may have gone and whose look-up is due: texts a dead worker
    left "sending", and "unconfirmed" texts whose own task is late or lost.

    Each is looked up in the provider: found, it is recorded as sent with the provider's
    id; not found, it is sent now if due (or given up after six tries). Stops starting
    look-ups after RECOVER_BUDGET_SECONDS. Returns each text's id and what became of it
    (with when to come back, which the caller must arrange: nothing here enqueues).
    """
    ids = list(
        OutboxMessage.objects.filter(
            status__in=IN_DOUBT, claimed_at__lte=timezone.now() - check_delay()
        )
        .order_by("claimed_at")
        .values_list("pk", flat=True)[:limit]
    )
    deadline = time.monotonic() + RECOVER_BUDGET_SECONDS
    results = []
    for outbox_id in ids:
        if time.monotonic() > deadline:
            break
        results.append((outbox_id, sms_deliver(outbox_id=outbox_id)))
    return results


def sms_drain(*, limit: int = 500) -> int:
    """Send texts that are due, and settle texts a dead worker left half-sent.

    For those, the provider is asked first (`sms_settle_overdue`): if it took the text, we
    keep its id and send nothing; only if it did not is the text sent again. Texts that
    must wait are left for their task or the next drain. Returns how many queued texts
    were sent.
    """
    sms_settle_overdue(limit=limit)
    due = OutboxMessage.objects.filter(
        status=SmsStatus.QUEUED, send_after__lte=timezone.now()
    ).values_list("pk", flat=True)[:limit]
    sent = 0
    for outbox_id in list(due):
        if sms_deliver(outbox_id=outbox_id).status == SmsStatus.SENT:
            sent += 1
    return sent
