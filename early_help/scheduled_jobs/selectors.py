"""Reads for scheduled jobs: when each last succeeded, and which are overdue."""

from dataclasses import dataclass

from django.utils import timezone

from .models import JobOutcome, JobRun
from .schedule import JOBS, ScheduledJob


@dataclass(frozen=True)
class JobStatus:
    job: ScheduledJob
    last_success: JobRun | None
    last_run: JobRun | None

    @property
    def overdue(self) -> bool:
        if self.last_success is None:
            return True
        return timezone.now() - self.last_success.finished_at > self.job.overdue_after


def job_statuses() -> list[JobStatus]:
    """Every job with its last run and its last success: a fixed number of queries."""
    statuses = []
    for job in JOBS:
        runs = JobRun.objects.filter(job=job.name)
        statuses.append(
            JobStatus(
                job=job,
                last_success=runs.filter(outcome=JobOutcome.SUCCEEDED)
                .order_by("-finished_at")
                .first(),
                last_run=runs.order_by("-scheduled_for").first(),
            )
        )
    return statuses


def overdue_jobs() -> list[JobStatus]:
    return [status for status in job_statuses() if status.overdue]
