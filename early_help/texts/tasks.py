"""Background tasks for texts. Arguments are ids only: nothing personal in the task queue."""

from django.utils import timezone
from django_tasks import default_task_backend, task

from .delivery import sms_deliver, sms_settle_overdue


def sms_send_enqueue(outbox_id: int, *, when=None) -> None:
    """Queue the sending of a text, now or (on backends that can wait) at `when`.

    Where the backend cannot defer, a text that must wait is left for `sms_drain`.
    """
    if when is not None and when > timezone.now():
        if default_task_backend.supports_defer:
            sms_send.using(run_after=when).enqueue(outbox_id)
        return
    sms_send.enqueue(outbox_id)


@task()
def sms_send(outbox_id: int) -> str | None:
    delivery = sms_deliver(outbox_id=outbox_id)
    if delivery.retry_at is not None:
        sms_send_enqueue(outbox_id, when=delivery.retry_at)
    return delivery.status


def sms_recover(*, limit: int = 200) -> int:
    """Settle texts whose send may have gone and whose own task is late or lost (a worker
    died mid-send, or its follow-up task was never queued), and queue a task for each that
    must wait. Run it every minute. Returns how many texts it looked at.

    Each is looked up in the provider before anything is sent again (`sms_deliver`).
    """
    results = sms_settle_overdue(limit=limit)
    for outbox_id, delivery in results:
        if delivery.retry_at is not None:
            sms_send_enqueue(outbox_id, when=delivery.retry_at)
    return len(results)
