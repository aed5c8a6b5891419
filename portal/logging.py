"""Logs an operator can use: one line per request and per task, each with a request id.

What goes in a line is chosen here, never by the caller: method, path (no query string),
status, duration, ids. Personal data never appears (DESIGN.md rule 4); the test suite
submits a journey and searches every line for the name, phone and words it sent.

Libraries weighed: python-json-logger formats the lines as JSON in production (the
formatter is all we need from a library); django-structlog would have replaced the
standard logging every library here already uses, and django-guid covers only the id,
which with the access line is a few lines of our own.
"""

import contextvars
import logging
import re
import time
import uuid

from django.dispatch import receiver
from django_tasks.signals import task_enqueued, task_finished, task_started

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# An id from a proxy or load balancer is kept only if it is short and plain, so nothing
# a visitor sends can forge or flood a log line.
WELL_FORMED_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

access_logger = logging.getLogger("portal.access")
task_logger = logging.getLogger("portal.tasks")


class RequestIdFilter(logging.Filter):
    """Stamps every record with the id of the request (or task) being handled."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class LibraryTaskLinesFilter(logging.Filter):
    """Drops django-tasks' own "Task ... state=" lines: `portal.tasks` writes one per task.

    Its warnings and failures (with tracebacks) still pass.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "django_tasks" and record.levelno < logging.WARNING)


class RequestLogMiddleware:
    """Gives each request an id (X-Request-ID in and out) and writes one line when it ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if WELL_FORMED_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            access_logger.info(
                "%s %s %s %sms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            request_id_var.reset(token)


@receiver(task_enqueued)
def _task_enqueued(sender, task_result, **kwargs):
    # Links the request that asked for the task (its request id) to the task's own line.
    task_logger.info(
        "task %s enqueued %s",
        task_result.task.module_path,
        task_result.id,
        extra={"task_id": str(task_result.id), "task": task_result.task.module_path},
    )


_task_tokens: dict[str, contextvars.Token] = {}


@receiver(task_started)
def _task_started(sender, task_result, **kwargs):
    # A worker has no request: the task's id stands in, so its lines can be found together.
    # A task run inside a request (the immediate backend) keeps the request's id.
    if request_id_var.get() == "-":
        _task_tokens[str(task_result.id)] = request_id_var.set(f"task-{task_result.id}")


@receiver(task_finished)
def _task_finished(sender, task_result, **kwargs):
    started, finished = task_result.started_at, task_result.finished_at
    duration_ms = (
        round((finished - started).total_seconds() * 1000, 1) if started and finished else None
    )
    status = str(getattr(task_result.status, "value", task_result.status))
    task_logger.info(
        "task %s %s %sms",
        task_result.task.module_path,
        status,
        duration_ms,
        extra={
            "task_id": str(task_result.id),
            "task": task_result.task.module_path,
            "queue": task_result.task.queue_name,
            "status": status,
            "duration_ms": duration_ms,
            "attempts": len(getattr(task_result, "worker_ids", []) or []),
        },
    )
    token = _task_tokens.pop(str(task_result.id), None)
    if token is not None:
        request_id_var.reset(token)
