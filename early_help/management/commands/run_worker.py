"""The task worker for production and `make run`: django_tasks_db's `db_worker`, with the
same options, plus a heartbeat, so that the tasks of a worker that dies are taken back
within a minute by the workers still alive (`tasks_recover`)."""

import logging
import os
import threading

from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from early_help.workers import services

logger = logging.getLogger(__name__)

# How often a live worker looks for the tasks of dead ones. Every live worker does it:
# the updates are conditional, so they never take back the same task twice.
RECOVER_EVERY_BEATS = 3


class Heartbeat(threading.Thread):
    """Beats in the background, so a worker busy with a long task still counts as alive."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self) -> None:
        beats = 0
        try:
            while not self.stopping.wait(services.HEARTBEAT_EVERY.total_seconds()):
                beats += 1
                try:
                    close_old_connections()
                    services.worker_heartbeat_record(worker_id=self.worker_id)
                    if beats % RECOVER_EVERY_BEATS == 0:
                        services.tasks_recover()
                except Exception:  # a missed beat is not fatal; the next one may work
                    logger.exception("Worker heartbeat failed")
        finally:
            connection.close()  # this thread's own connection

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=services.HEARTBEAT_EVERY.total_seconds() * 2)


class Command(DbWorkerCommand):
    help = (
        "Run the task worker with a heartbeat; live workers take back the tasks of dead "
        "ones. Takes the options of db_worker."
    )

    def handle(self, *args, **options):
        reloading = options.get("reload") and not options.get("batch")
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The autoreloader's parent process runs no tasks: only its child beats.
            return super().handle(*args, **options)
        worker_id = options["worker_id"]
        services.worker_heartbeat_record(worker_id=worker_id)
        # Tasks a worker killed before this one started left behind.
        services.tasks_recover()
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
            services.worker_heartbeat_remove(worker_id=worker_id)
