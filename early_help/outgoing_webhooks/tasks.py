"""Background tasks for outgoing webhooks. Arguments are ids and numbers only."""

from django.utils import timezone
from django_tasks import task

from .delivery import QUEUED_LEASE, webhook_deliver
from .models import WebhookDelivery
from .selectors import deliveries_due


@task()
def webhook_send(delivery_id: int, attempt: int) -> str | None:
    return webhook_deliver(delivery_id=delivery_id, attempt=attempt)


def webhooks_retry_due(*, limit: int = 500) -> int:
    """Queue the next try of every delivery whose time has come: retries after backoff,
    and first tries whose task was lost. Run it every minute. Returns how many it queued.

    Each is held back from the next run for `QUEUED_LEASE`, so a busy queue does not fill
    with copies; a copy that slips through finds its try already taken and sends nothing.
    """
    now = timezone.now()
    queued = 0
    for delivery in deliveries_due(now=now, limit=limit):
        held = WebhookDelivery.objects.filter(
            pk=delivery.pk, attempts=delivery.attempts, status=delivery.status
        ).update(next_attempt_at=now + QUEUED_LEASE)
        if held:
            webhook_send.enqueue(delivery.pk, delivery.attempts + 1)
            queued += 1
    return queued
