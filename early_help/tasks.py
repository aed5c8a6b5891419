"""Background tasks. Arguments are ids only: nothing personal in the task queue."""

from django_tasks import task


@task()
def sms_send(outbox_id: int) -> str | None:
    from .services import sms_process

    return sms_process(outbox_id=outbox_id)
