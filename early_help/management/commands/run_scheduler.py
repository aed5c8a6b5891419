"""Queue every scheduled job at its time (early_help/scheduled_jobs/schedule.py).

Runs as its own long-lived process beside the web and the task workers. It only queues:
the task workers run the jobs and record each run. Running two schedulers (say one per
machine) is safe: each tick of a job is recorded once.

APScheduler keeps the clock (cron triggers in UK time, misfire handling); django-crontask,
which would queue django-tasks directly, needs Django 6 and Python 3.12.
"""

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from early_help.scheduled_jobs.schedule import JOBS
from early_help.scheduled_jobs.services import job_run_queue

logger = logging.getLogger(__name__)


def queue_tick(job_name: str) -> None:
    """Queue a run of the job for this tick. The tick is the minute it fires in, so
    schedulers on two machines firing a moment apart queue one run."""
    job_run_queue(job=job_name, scheduled_for=timezone.now())


def _tick(job_name: str) -> None:
    # Each tick runs in a scheduler thread of a long-lived process: never reuse a
    # connection the database has dropped, and never keep one open between ticks.
    close_old_connections()
    try:
        queue_tick(job_name)
    finally:
        close_old_connections()


def add_jobs(scheduler) -> None:
    for job in JOBS:
        scheduler.add_job(
            _tick,
            CronTrigger.from_crontab(job.cron, timezone=settings.TIME_ZONE),
            args=[job.name],
            id=job.name,
            # A tick missed by a minute (a restart) still runs once; older ticks are dropped.
            misfire_grace_time=60,
            coalesce=True,
            max_instances=1,
        )


class Command(BaseCommand):
    help = "Run the scheduler: queues each periodic job at its time for the task workers."

    def handle(self, *args, **options):
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        add_jobs(scheduler)
        for job in JOBS:
            logger.info("Scheduling %s at %s (UK time)", job.name, job.cron)
        self.stdout.write(f"Scheduler starting with {len(JOBS)} jobs.")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
