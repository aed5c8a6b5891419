"""Queue 10,000 texts and drain them through two `db_worker` processes against a local
fake Twilio. Reports texts per second and checks none was lost or sent twice.

Uses DATABASE_URL when it points at PostgreSQL, else the local server at 127.0.0.1:5432.
"""

import os
import subprocess
import sys
import time

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/family_voice_bench")

from _django import ROOT, demo_database

COUNT = 10_000
WORKERS = 2


def main() -> int:
    from django.db import connection
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from early_help.models import OutboxMessage, SmsStatus
    from early_help.texts.tasks import sms_send
    from tests.early_help.texts.fake_twilio import FakeTwilio

    with demo_database(), FakeTwilio() as fake:
        OutboxMessage.objects.all().delete()
        rows = OutboxMessage.objects.bulk_create(
            [
                OutboxMessage(
                    phone=f"+4477009{i % 1000:05d}", body=f"Bench text {i}", status=SmsStatus.QUEUED
                )
                for i in range(COUNT)
            ],
            batch_size=2000,
        )
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            for row in rows:
                sms_send.enqueue(row.pk)
            # A second task for 1,000 texts: duplicate tasks must never mean duplicate texts.
            for row in rows[:1000]:
                sms_send.enqueue(row.pk)
        connection.close()

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DJANGO_DEBUG": "false",
            "DATABASE_URL": _test_database_url(),
            "SMS_BACKEND": "twilio",
            "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
            "TWILIO_AUTH_TOKEN": "bench",
            "TWILIO_FROM_NUMBER": "+447700900000",
            "TWILIO_API_BASE_URL": fake.url,
            "FAMILY_VOICE_SMS_QUIET_HOURS": "0-0",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        start = time.perf_counter()
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "manage.py"),
                    "db_worker",
                    "--batch",
                    "--no-startup-delay",
                    "--no-reload",
                    "-v0",
                ],
                env=env,
                cwd=ROOT,
            )
            for _ in range(WORKERS)
        ]
        for worker in workers:
            worker.wait()
        elapsed = time.perf_counter() - start

        sent = OutboxMessage.objects.filter(status=SmsStatus.SENT).count()
        bodies = [m["body"] for m in fake.accepted]
        duplicates = len(bodies) - len(set(bodies))
        lost = COUNT - len(set(bodies))
        print(
            f"{COUNT:,} texts ({COUNT + 1000:,} tasks, 1,000 of them duplicates) through {WORKERS} workers"
        )
        print(f"  {elapsed:.1f} s, {COUNT / elapsed:.0f} texts per second")
        print(
            f"  sent: {sent:,}  accepted by fake Twilio: {len(bodies):,}  duplicates: {duplicates}  lost: {lost}"
        )
        remaining = DBTaskResult.objects.exclude(status="SUCCESSFUL").count()
        print(f"  tasks not finished: {remaining}")
        return 0 if duplicates == 0 and lost == 0 and sent == COUNT else 1


def _test_database_url() -> str:
    from django.db import connection

    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


if __name__ == "__main__":
    raise SystemExit(main())
