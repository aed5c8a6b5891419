"""Health for a load balancer and a monitor: /healthz/live and /healthz/ready.

Both answer a tiny JSON body of booleans and numbers: no versions, hosts, errors or
anything else an outsider could use. Neither is cached, and neither touches the session,
so a probe every few seconds leaves nothing behind.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.db.models import Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

CACHE_KEY = "healthz:ready"


@never_cache
@require_safe
def live(request):
    """The process is up and answering: restart it when this stops answering 200."""
    return JsonResponse({"live": True})


@never_cache
@require_safe
def ready(request):
    """Can this process serve people? 200 when the database and the cache answer, else 503.

    The task backlog and the oldest due text are reported for monitoring and alerting, but
    never turn this 503: a worker that falls behind is not cured by taking every web process
    out of the load balancer, which would stop families asking for help altogether.
    """
    body = {"database": _database_ok(), "cache": _cache_ok()}
    if body["database"]:
        body.update(_backlog())
    status = 200 if body["database"] and body["cache"] else 503
    return JsonResponse(body, status=status)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not ready"; the log says which
        logger.exception("Readiness: the database did not answer")
        return False


def _cache_ok() -> bool:
    try:
        token = timezone.now().isoformat()
        cache.set(CACHE_KEY, token, 30)
        return cache.get(CACHE_KEY) == token
    except Exception:  # any failure means "not ready"; the log says which
        logger.exception("Readiness: the cache did not answer")
        return False


def _seconds_since(moment) -> int:
    return max(0, int((timezone.now() - moment).total_seconds())) if moment else 0


def _backlog() -> dict:
    """Tasks waiting for a worker, and texts due but not yet sent, with the oldest's age."""
    from django_tasks_db.models import DBTaskResult

    from early_help.models import OutboxMessage, SmsStatus

    try:
        tasks = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))
        tasks_ready = DBTaskResult.objects.ready().count()
        # A text held for quiet hours is not late: its age counts from when it was due.
        due = OutboxMessage.objects.filter(status=SmsStatus.QUEUED, send_after__lte=timezone.now())
        texts = due.aggregate(oldest=Min("send_after"))
        return {
            "tasks_ready": tasks_ready,
            "oldest_task_seconds": _seconds_since(tasks["oldest"]),
            "texts_due": due.count(),
            "oldest_text_seconds": _seconds_since(texts["oldest"]),
        }
    except Exception:  # the numbers are for monitoring; SELECT 1 decided
        logger.exception("Readiness: the backlog could not be counted")
        return {}
