"""Sending a webhook delivery, as the task worker does it.

Each try is a signed POST of the delivery's payload:

    X-FamilyVoice-Timestamp: <unix seconds>
    X-FamilyVoice-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
    X-FamilyVoice-Event: <event>
    X-FamilyVoice-Delivery: <delivery id>

A 2xx answer delivers it; anything else (another status, a redirect, a timeout, a refused
connection) is logged as a try and tried again after 1, 5 and 30 minutes, 2 hours and 12
hours, then given up. Delivery is at least once: a receiver that answers late may see a
try again, with the same `X-FamilyVoice-Delivery`.

Every try names the attempt it is (the task carries `attempt`), and claims the delivery
for that attempt first, so two tasks for the same try send it once.
"""

import datetime
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus

logger = logging.getLogger(__name__)

# After the first try fails, wait this long before each next one; then give up.
BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
# A delivery handed to the task queue is not handed over again by the retry job for this
# long: its task should have run by then (if it was lost, the job sends it).
QUEUED_LEASE = datetime.timedelta(minutes=5)
# What a receiver said, kept short: enough to see why it refused, not its whole page.
ERROR_CHARS = 200
USER_AGENT = "FamilyVoice-Webhooks/1"


def body_of(payload: dict) -> bytes:
    """The exact bytes sent and signed: compact JSON with sorted keys."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def signature_of(*, secret: str, timestamp: int, body: bytes) -> str:
    """What `X-FamilyVoice-Signature` carries: HMAC-SHA256 of "<timestamp>.<body>"."""
    signed = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def sending_lease() -> datetime.timedelta:
    """How long a claimed try may take before the retry job may start the next one:
    longer than a send can (connect, write, read)."""
    return datetime.timedelta(seconds=max(60, 3 * settings.FAMILY_VOICE_WEBHOOK_TIMEOUT_SECONDS))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a new address: the payload goes only where staff said."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _post(url: str, body: bytes, headers: dict) -> tuple[int | None, str]:
    """POST once. Returns the HTTP status (None when there was no answer) and, when it
    failed, a short reason."""
    if urlsplit(url).scheme not in {"https", "http"}:  # never file: or ftp:, whatever was saved
        return None, "Not sent: the address is not HTTPS"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - scheme checked above
    opener = urllib.request.build_opener(_NoRedirects)
    timeout = settings.FAMILY_VOICE_WEBHOOK_TIMEOUT_SECONDS
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        try:
            said = error.read(ERROR_CHARS).decode("utf-8", "replace").strip()
        except OSError:
            said = ""
        finally:
            error.close()
        return error.code, f"HTTP {error.code}" + (f": {said}" if said else "")
    except urllib.error.URLError as error:
        return None, str(error.reason)[:ERROR_CHARS]
    except (TimeoutError, OSError, ValueError) as error:
        return None, (type(error).__name__ + f": {error}")[:ERROR_CHARS]


def _claim(delivery_id: int, attempt: int) -> WebhookDelivery | None:
    """Take the delivery for this try, or None when it is not ours (sent, given up, or this
    try already taken by another task)."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .filter(
                pk=delivery_id,
                status__in=WebhookDeliveryStatus.to_send(),
                attempts=attempt - 1,
            )
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts = attempt
        delivery.next_attempt_at = timezone.now() + sending_lease()
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return WebhookDelivery.objects.select_related("endpoint__client").get(pk=delivery_id)


def _settle(
    delivery: WebhookDelivery, *, http_status, error: str, duration_ms: int, give_up=False
) -> str:
    """Log the try and decide what happens next."""
    now = timezone.now()
    delivered = http_status is not None and 200 <= http_status < 300
    if delivered:
        status, next_at = WebhookDeliveryStatus.DELIVERED, None
    elif give_up or delivery.attempts >= MAX_ATTEMPTS:
        status, next_at = WebhookDeliveryStatus.GIVEN_UP, None
    else:
        status, next_at = WebhookDeliveryStatus.FAILED, now + BACKOFF[delivery.attempts - 1]
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            at=now,
            http_status=http_status,
            error=error[: WebhookAttempt._meta.get_field("error").max_length],
            duration_ms=duration_ms,
        )
        WebhookDelivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts).update(
            status=status,
            next_attempt_at=next_at,
            delivered_at=now if delivered else None,
        )
    return status


def webhook_deliver(*, delivery_id: int, attempt: int) -> str | None:
    """Make try number `attempt` of a delivery, if it is still to be made. Returns the
    delivery's status after it (None when there was nothing to do)."""
    delivery = _claim(delivery_id, attempt)
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    if not endpoint.active or not endpoint.client.is_active:
        return _settle(
            delivery,
            http_status=None,
            error="Not sent: the address or its API client is no longer active",
            duration_ms=0,
            give_up=True,
        )
    body = body_of(delivery.payload)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-FamilyVoice-Timestamp": str(timestamp),
        "X-FamilyVoice-Signature": signature_of(
            secret=endpoint.secret, timestamp=timestamp, body=body
        ),
        "X-FamilyVoice-Event": delivery.event,
        "X-FamilyVoice-Delivery": str(delivery.pk),
    }
    started = time.monotonic()
    http_status, error = _post(endpoint.url, body, headers)
    duration_ms = int((time.monotonic() - started) * 1000)
    status = _settle(delivery, http_status=http_status, error=error, duration_ms=duration_ms)
    logger.info(
        "Webhook delivery %s try %s: %s (%s)", delivery.pk, attempt, status, http_status or "-"
    )
    return status
