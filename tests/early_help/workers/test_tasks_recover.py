"""Tasks left RUNNING by a worker that died go back in the queue; a live worker's do not."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from early_help.models import WorkerHeartbeat
from early_help.texts.tasks import sms_send
from early_help.workers import services as workers

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 11, 0, tzinfo=ZoneInfo("Europe/London"))


def _at(seconds: float):
    return time_machine.travel(NOW + datetime.timedelta(seconds=seconds), tick=False)


@pytest.fixture
def running_task(settings):
    """A task a worker called "w1" has claimed (outbox id 0: it sends nothing)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with _at(0):
        sms_send.enqueue(0)
        task = DBTaskResult.objects.get()
        task.claim("w1")
    return task


def test_a_live_workers_long_task_is_left_alone(running_task):
    for seconds in (5, 600, 3600):
        with _at(seconds):
            workers.worker_heartbeat_record(worker_id="w1")
            assert workers.tasks_recover() == 0
    running_task.refresh_from_db()
    assert running_task.status == TaskResultStatus.RUNNING


def test_the_task_of_a_worker_whose_heartbeat_stopped_is_queued_again(running_task):
    with _at(0):
        workers.worker_heartbeat_record(worker_id="w1")
    with _at(29):
        assert workers.tasks_recover() == 0
    with _at(31):
        assert workers.tasks_recover() == 1
        assert workers.tasks_recover() == 0  # once only, however many workers ask
    running_task.refresh_from_db()
    assert running_task.status == TaskResultStatus.READY
    assert running_task.started_at is None
    assert running_task.args_kwargs == {"args": [0], "kwargs": {}}
    with _at(31):
        assert DBTaskResult.objects.ready().get() == running_task


def test_a_plain_db_worker_task_is_taken_back_only_when_far_overdue(running_task):
    # db_worker keeps no heartbeat: we cannot tell slow from dead, so we wait long.
    with _at(5 * 60):
        assert workers.tasks_recover() == 0
    with _at(16 * 60):
        assert workers.tasks_recover() == 1
    running_task.refresh_from_db()
    assert running_task.status == TaskResultStatus.READY


def test_a_task_that_keeps_killing_its_workers_is_failed_not_run_again(running_task):
    DBTaskResult.objects.filter(pk=running_task.pk).update(
        worker_ids=[f"w{i}" for i in range(workers.MAX_RUNS)]
    )
    with _at(16 * 60):
        assert workers.tasks_recover() == 1
    running_task.refresh_from_db()
    assert running_task.status == TaskResultStatus.FAILED
    assert running_task.exception_class_path.endswith("WorkerLost")


def test_old_heartbeats_are_forgotten():
    with _at(0):
        workers.worker_heartbeat_record(worker_id="gone")
        workers.worker_heartbeat_record(worker_id="here")
    with _at(2 * 24 * 3600):
        workers.worker_heartbeat_record(worker_id="here")
        workers.tasks_recover()
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["here"]


@pytest.mark.django_db(transaction=True)
def test_a_new_worker_takes_back_what_a_killed_one_left_running(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sms_send.enqueue(0)
    task = DBTaskResult.objects.get()
    task.claim("killed")
    WorkerHeartbeat.objects.create(
        worker_id="killed", beat_at=task.started_at - datetime.timedelta(minutes=5)
    )
    call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", "-v0")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids[0] == "killed"
    assert len(task.worker_ids) == 2
    # A worker that stops cleanly leaves no heartbeat behind.
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["killed"]
