"""Periodic jobs run on the product's own schedule, once per tick, and every run is recorded."""

import datetime

import pytest
import time_machine
from apscheduler.schedulers.background import BackgroundScheduler
from django.test import Client
from django.utils import timezone

from early_help.management.commands.run_scheduler import add_jobs, queue_tick
from early_help.models import HelpRequestDraft, JobOutcome, JobRun
from early_help.scheduled_jobs.runner import job_run_execute
from early_help.scheduled_jobs.schedule import JOBS
from early_help.scheduled_jobs.services import job_run_queue
from early_help.staff_access.roles import StaffRole
from tests.factories import login_with_mfa, staff_member

pytestmark = pytest.mark.django_db
MOMENT = datetime.datetime(2026, 12, 1, 2, 15, 20, tzinfo=datetime.UTC)


def test_every_periodic_job_is_on_the_schedule():
    names = {job.name for job in JOBS}
    assert names >= {"sms_drain", "delete_expired_drafts", "apply_retention", "publish_scheduled"}
    scheduler = BackgroundScheduler(timezone="Europe/London")
    add_jobs(scheduler)
    assert {job.id for job in scheduler.get_jobs()} == names


def test_each_tick_of_a_job_is_queued_once_however_many_schedulers_ask():
    first = job_run_queue(job="delete_expired_drafts", scheduled_for=MOMENT)
    second = job_run_queue(
        job="delete_expired_drafts", scheduled_for=MOMENT + datetime.timedelta(seconds=30)
    )
    assert first is not None
    assert second is None
    assert JobRun.objects.get().scheduled_for == MOMENT.replace(second=0)
    with pytest.raises(ValueError, match="Unknown"):
        job_run_queue(job="no_such_job", scheduled_for=MOMENT)


def test_a_tick_runs_the_job_in_the_worker_and_records_what_it_did(
    django_capture_on_commit_callbacks,
):
    HelpRequestDraft.objects.create(expires_at=timezone.now() - datetime.timedelta(days=1))
    HelpRequestDraft.objects.create()
    with django_capture_on_commit_callbacks(execute=True):
        queue_tick("delete_expired_drafts")
    run = JobRun.objects.get()
    assert run.outcome == JobOutcome.SUCCEEDED
    assert run.counts == {"deleted": 1}
    assert run.started_at <= run.finished_at
    assert HelpRequestDraft.objects.count() == 1
    # A duplicate task for the same run does nothing.
    assert job_run_execute(run_id=run.pk) == JobOutcome.SUCCEEDED
    assert JobRun.objects.count() == 1


def test_a_failing_job_is_recorded_as_failed(monkeypatch):
    def broken():
        raise RuntimeError("database went away")

    monkeypatch.setattr("early_help.scheduled_jobs.jobs.apply_retention", broken)
    run = job_run_queue(job="apply_retention", scheduled_for=MOMENT)
    assert job_run_execute(run_id=run.pk) == JobOutcome.FAILED
    run.refresh_from_db()
    assert run.error == "RuntimeError"
    assert run.finished_at is not None


def test_a_page_scheduled_by_an_editor_is_published_by_the_schedule(
    home_page, standard_page, django_capture_on_commit_callbacks
):
    standard_page.title = "Opening hours over Christmas"
    go_live = timezone.now() + datetime.timedelta(hours=1)
    standard_page.go_live_at = go_live
    standard_page.save_revision().publish()
    standard_page.refresh_from_db()
    assert standard_page.title != "Opening hours over Christmas" or not standard_page.live
    with (
        time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        queue_tick("publish_scheduled")
    standard_page.refresh_from_db()
    assert standard_page.live
    assert standard_page.title == "Opening hours over Christmas"
    assert JobRun.objects.get(job="publish_scheduled").outcome == JobOutcome.SUCCEEDED


def test_administrators_see_when_each_job_last_succeeded_and_what_is_overdue(locality):
    with time_machine.travel(MOMENT, tick=False):
        run = job_run_queue(job="sms_drain", scheduled_for=MOMENT)
        job_run_execute(run_id=run.pk)
    admin = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
    client = Client()
    login_with_mfa(client, admin)
    with time_machine.travel(MOMENT + datetime.timedelta(minutes=5), tick=False):
        html = client.get("/admin/scheduled-jobs/").content.decode()
        assert "1 Dec 2026 02:15" in html
        # Never run: overdue. sms_drain ran 5 minutes ago: not overdue.
        assert html.count(">Overdue<") == len(JOBS) - 1
        dashboard = client.get("/admin/").content.decode()
        assert "Scheduled jobs are overdue" in dashboard
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    other = Client()
    login_with_mfa(other, worker)
    assert other.get("/admin/scheduled-jobs/").status_code == 403
    assert "Scheduled jobs are overdue" not in other.get("/admin/").content.decode()


def test_the_scheduler_command_starts_with_every_job(monkeypatch):
    from io import StringIO

    from apscheduler.schedulers.blocking import BlockingScheduler
    from django.core.management import call_command

    started = []
    monkeypatch.setattr(
        BlockingScheduler, "start", lambda scheduler: started.extend(scheduler.get_jobs())
    )
    out = StringIO()
    call_command("run_scheduler", stdout=out)
    assert {job.id for job in started} == {job.name for job in JOBS}
    assert f"with {len(JOBS)} jobs" in out.getvalue()
