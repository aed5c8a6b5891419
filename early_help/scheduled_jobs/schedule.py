"""Every periodic job the product runs, and when. `manage.py run_scheduler` reads this.

A job is a function that returns what it did (a dict of counts). The scheduler only
queues a run; the task worker runs it, so a slow job never delays the next tick and each
run is recorded (models.JobRun).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    cron: str  # minute hour day month weekday, UK time
    run: str  # dotted path of the function
    description: str
    # Warn administrators when the last success is older than this.
    overdue_after: datetime.timedelta


JOBS = [
    ScheduledJob(
        name="recover_work",
        cron="* * * * *",
        run="early_help.scheduled_jobs.jobs.recover_work",
        description=_("Queue again the tasks and texts of task workers that stopped"),
        overdue_after=datetime.timedelta(minutes=10),
    ),
    ScheduledJob(
        name="sms_drain",
        cron="* * * * *",
        run="early_help.scheduled_jobs.jobs.sms_drain",
        description=_("Send texts that are due and settle texts a stopped worker left half-sent"),
        overdue_after=datetime.timedelta(minutes=10),
    ),
    ScheduledJob(
        name="retry_webhooks",
        cron="* * * * *",
        run="early_help.scheduled_jobs.jobs.retry_webhooks",
        description=_("Send webhook notices to case systems whose next try is due"),
        overdue_after=datetime.timedelta(minutes=10),
    ),
    ScheduledJob(
        name="publish_scheduled",
        cron="* * * * *",
        run="early_help.scheduled_jobs.jobs.publish_scheduled",
        description=_("Publish and unpublish pages at the times editors chose"),
        overdue_after=datetime.timedelta(minutes=10),
    ),
    ScheduledJob(
        name="delete_expired_drafts",
        cron="15 2 * * *",
        run="early_help.scheduled_jobs.jobs.delete_expired_drafts",
        description=_("Delete requests for help that were never sent and have expired"),
        overdue_after=datetime.timedelta(hours=26),
    ),
    ScheduledJob(
        name="apply_retention",
        cron="30 2 * * *",
        run="early_help.scheduled_jobs.jobs.apply_retention",
        description=_("Remove personal details whose retention period has ended"),
        overdue_after=datetime.timedelta(hours=26),
    ),
]
JOBS_BY_NAME = {job.name: job for job in JOBS}
