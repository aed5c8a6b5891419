"""Background tasks for the staff queue. Arguments are ids only."""

from django_tasks import task

from .delivery import continuity_alert_deliver


@task()
def continuity_alert_send(alert_id: int) -> int:
    return continuity_alert_deliver(alert_id=alert_id)
