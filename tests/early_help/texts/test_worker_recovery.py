"""A worker killed in the middle of sending a text: within a minute its task runs again
and its text is settled, sent exactly once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from early_help.asking_for_help import services as journey_services
from early_help.models import SmsStatus
from early_help.texts import delivery
from early_help.texts.backends import OutgoingText, TwilioSMSBackend
from early_help.texts.tasks import sms_send
from early_help.workers import services as workers
from tests.factories import DraftFactory

pytestmark = pytest.mark.django_db

DAYTIME = datetime.datetime(2026, 12, 1, 11, 0, tzinfo=ZoneInfo("Europe/London"))


def _at(seconds: float):
    return time_machine.travel(DAYTIME + datetime.timedelta(seconds=seconds), tick=False)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def text_task(database_tasks, locality, sms_templates, django_capture_on_commit_callbacks):
    """A request's acknowledgement text and the task that sends it, waiting in the queue."""
    with _at(0), django_capture_on_commit_callbacks(execute=True):
        help_request = journey_services.help_request_submit(draft=DraftFactory())
    return help_request.texts.get(), DBTaskResult.objects.get(task_path=sms_send.module_path)


def _worker(worker_id: str) -> Worker:
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def _run_ready_tasks(worker_id: str) -> None:
    """What a live worker does with every task that is ready (without its polling loop)."""
    worker = _worker(worker_id)
    while (task := DBTaskResult.objects.ready().first()) is not None:
        task.claim(worker_id)
        worker.run_task(task)


@pytest.mark.parametrize("twilio_took_it", [True, False])
def test_a_text_whose_worker_was_killed_mid_send_is_sent_once_within_a_minute(
    text_task, fake_twilio, twilio_took_it
):
    message, task = text_task
    # A worker with a heartbeat claims the task and the text, maybe reaches Twilio, and is
    # killed (SIGKILL: nothing more is written, the task stays RUNNING).
    with _at(0):
        workers.worker_heartbeat_record(worker_id="killed")
        task.claim("killed")
        claimed = delivery._claim(message.pk)
        if twilio_took_it:
            TwilioSMSBackend().send(
                OutgoingText(outbox_id=message.pk, to=claimed.phone.as_e164, body=claimed.body)
            )
    with _at(20):
        assert workers.tasks_recover() == 0  # a few missed beats are not a death
    with _at(31):
        assert workers.tasks_recover() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    with _at(32):
        _run_ready_tasks("alive")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert len(fake_twilio.accepted) == 1
    assert message.twilio_sid == fake_twilio.accepted[0]["sid"]
