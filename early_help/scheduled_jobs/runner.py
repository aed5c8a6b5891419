"""Running one recorded job: mark it running, call it, record the outcome and counts."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import JobOutcome, JobRun
from .schedule import JOBS_BY_NAME

logger = logging.getLogger(__name__)


def job_run_execute(*, run_id: int) -> str:
    """Run it if it is still queued (a duplicate task does nothing). Returns the outcome."""
    with transaction.atomic():
        run = JobRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.outcome != JobOutcome.QUEUED:
            return run.outcome if run else ""
        run.outcome = JobOutcome.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["outcome", "started_at"])
    job = JOBS_BY_NAME[run.job]
    try:
        counts = import_string(job.run)() or {}
    except Exception as error:  # a failed job is recorded and shown, never silent
        logger.exception("Scheduled job %s failed", run.job)
        run.outcome, run.error = JobOutcome.FAILED, f"{type(error).__name__}"[:300]
        counts = {}
    else:
        run.outcome = JobOutcome.SUCCEEDED
    run.counts = counts
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "error", "counts", "finished_at"])
    logger.info("Scheduled job %s %s %s", run.job, run.outcome, counts)
    return run.outcome
