"""Background tasks for MASH duty. Arguments are ids only."""

from django_tasks import task

from .delivery import mash_alert_deliver


@task()
def mash_alert_send(alert_id: int) -> list[str]:
    return mash_alert_deliver(alert_id=alert_id)
