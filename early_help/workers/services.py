"""Keeping the task queue moving when a worker dies.

django_tasks_db marks a task RUNNING when a worker claims it and nothing else: a worker
killed mid-task (out of memory, a deploy, a lost machine) leaves it RUNNING for ever.
Workers started with `manage.py run_worker` write a heartbeat every few seconds;
`tasks_recover` puts the tasks of a worker whose heartbeat stopped back in the queue.

Tasks are therefore run at least once, not exactly once: a task must be safe to run
again (texts are, because each is claimed before it is sent; a MASH alert is marked sent
once its email and text are queued).
"""

import datetime
import logging
import os
import socket

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY = datetime.timedelta(seconds=5)
# No heartbeat for this long and a worker is taken for dead. Six missed beats: a busy
# database or a pause for garbage collection is not a death.
DEAD_AFTER = datetime.timedelta(seconds=30)
# Workers started with plain `db_worker` keep no heartbeat: their tasks are taken back
# only when they have been RUNNING far longer than any task of ours takes.
NO_HEARTBEAT_AFTER = datetime.timedelta(minutes=15)
# A task that has killed this many workers is not run again: it is marked failed.
MAX_RUNS = 5
# Heartbeats this old are forgotten (their tasks were taken back long before).
FORGET_AFTER = datetime.timedelta(days=1)


class WorkerLost(Exception):
    """Recorded as the error of a task whose workers kept dying while running it."""


def worker_heartbeat_record(*, worker_id: str) -> None:
    """Say that this worker is alive now (creates its row on the first beat)."""
    now = timezone.now()
    if not WorkerHeartbeat.objects.filter(worker_id=worker_id).update(beat_at=now):
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={"beat_at": now},
            create_defaults={
                "beat_at": now,
                "started_at": now,
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
            },
        )


def worker_heartbeat_remove(*, worker_id: str) -> None:
    """A worker that stops cleanly (it finished its task) forgets its heartbeat."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def tasks_recover(*, limit: int = 500) -> int:
    """Put back in the queue the RUNNING tasks of workers that died.

    A worker is dead when its heartbeat is older than DEAD_AFTER, or, for a worker that
    keeps none (plain `db_worker`), when its task started more than NO_HEARTBEAT_AFTER
    ago. Its tasks become READY again (same arguments, same run_after), unless they have
    been started MAX_RUNS times already: those are marked failed with WorkerLost. Each
    change is made only if the task is still as we read it, so several workers may run
    this at once. Returns how many tasks were taken back or failed.
    """
    now = timezone.now()
    running = list(
        DBTaskResult.objects.running()
        .order_by("started_at")
        .values_list("pk", "worker_ids", "started_at")[:limit]
    )
    if not running:
        _forget_old_heartbeats(now)
        return 0
    last_worker = {pk: (worker_ids or [None])[-1] for pk, worker_ids, _ in running}
    beats = dict(
        WorkerHeartbeat.objects.filter(worker_id__in=set(last_worker.values())).values_list(
            "worker_id", "beat_at"
        )
    )
    recovered = 0
    for pk, worker_ids, started_at in running:
        beat = beats.get(last_worker[pk])
        if beat is not None:
            dead = beat < now - DEAD_AFTER
        else:
            dead = started_at is None or started_at < now - NO_HEARTBEAT_AFTER
        if not dead:
            continue
        still = DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        )
        with transaction.atomic():
            if len(worker_ids or []) >= MAX_RUNS:
                changed = still.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                    traceback=f"WorkerLost: {len(worker_ids)} workers died running this task\n",
                )
            else:
                changed = still.update(status=TaskResultStatus.READY, started_at=None)
        if changed:
            recovered += 1
            logger.warning(
                "Task %s: its worker died; %s",
                pk,
                "failed" if len(worker_ids or []) >= MAX_RUNS else "queued again",
            )
    _forget_old_heartbeats(now)
    return recovered


def _forget_old_heartbeats(now: datetime.datetime) -> None:
    WorkerHeartbeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()
