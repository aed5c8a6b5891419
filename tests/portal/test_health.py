from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from early_help.models import OutboxMessage, SmsStatus
from portal import health

pytestmark = pytest.mark.django_db


def _only_booleans_and_numbers(body: dict) -> bool:
    return all(isinstance(value, bool | int | float) for value in body.values())


def test_liveness_answers_200_and_is_never_cached(client):
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"live": True}
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_readiness_answers_200_with_the_backlog_when_database_and_cache_answer(client):
    now = timezone.now()
    OutboxMessage.objects.create(
        phone="+447700900123", body="x", send_after=now - timedelta(minutes=5)
    )
    # Held for quiet hours: not late, so not counted.
    OutboxMessage.objects.create(
        phone="+447700900124", body="x", send_after=now + timedelta(hours=8)
    )
    OutboxMessage.objects.create(
        phone="+447700900125", body="x", status=SmsStatus.SENT, send_after=now - timedelta(hours=1)
    )

    response = client.get("/healthz/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["database"] is True
    assert body["cache"] is True
    assert body["texts_due"] == 1
    assert 290 <= body["oldest_text_seconds"] <= 3600
    assert body["tasks_ready"] == DBTaskResult.objects.ready().count() == 0
    assert body["oldest_task_seconds"] == 0
    assert set(body) == {
        "database",
        "cache",
        "tasks_ready",
        "oldest_task_seconds",
        "texts_due",
        "oldest_text_seconds",
    }
    assert _only_booleans_and_numbers(body)
    assert "no-store" in response["Cache-Control"]


def test_readiness_counts_tasks_waiting_for_a_worker(client):
    DBTaskResult.objects.create(
        task_path="early_help.texts.tasks.sms_send",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
    )
    body = client.get("/healthz/ready").json()
    assert body["tasks_ready"] == 1


def test_readiness_answers_503_when_the_cache_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down at 10.0.0.7")

    monkeypatch.setattr(health.cache, "set", broken)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["cache"] is False
    assert response.json()["database"] is True
    assert b"10.0.0.7" not in response.content
    assert b"redis" not in response.content


def test_readiness_answers_503_when_the_database_fails(client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise OSError("could not connect to server at db.internal")

    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json() == {"database": False, "cache": True}
    assert b"db.internal" not in response.content


def test_health_urls_are_not_redirected_to_https(client, settings, home_page):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz/live").status_code == 200
    assert client.get("/healthz/ready").status_code == 200


def test_health_urls_leave_no_session_or_cookie(client):
    response = client.get("/healthz/ready")
    assert not response.cookies
