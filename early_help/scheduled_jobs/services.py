"""Writes for scheduled jobs: queue a run for a tick, once, however many schedulers ask."""

import datetime

from django.db import IntegrityError, transaction

from .models import JobRun
from .schedule import JOBS_BY_NAME
from .tasks import scheduled_job_run


def job_run_queue(*, job: str, scheduled_for: datetime.datetime) -> JobRun | None:
    """Record and queue the run of `job` for this tick. None when another scheduler did."""
    if job not in JOBS_BY_NAME:
        raise ValueError(f"Unknown scheduled job {job!r}")
    tick = scheduled_for.replace(second=0, microsecond=0)
    try:
        with transaction.atomic():
            run = JobRun.objects.create(job=job, scheduled_for=tick)
            transaction.on_commit(lambda: scheduled_job_run.enqueue(run.pk))
    except IntegrityError:
        return None
    return run
