"""The task that runs one scheduled job. Its argument is the run's id."""

from django_tasks import task

from .runner import job_run_execute


@task()
def scheduled_job_run(run_id: int) -> str:
    return job_run_execute(run_id=run_id)
