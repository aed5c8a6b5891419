"""Send 2,000 texts through `run_worker` processes against a local fake Twilio that
misbehaves, while workers are killed at random, and check every text went exactly once.

Faults (about three posts in ten): 500 and 503, 429 with a Retry-After, a hang, a
connection reset before Twilio took the text, a reset after it did, and an answer slower
than the client's timeout although Twilio took the text. Twilio's list shows a new
message only after a short lag. Every 2 to 6 seconds a worker is killed with SIGKILL and
a new one started. A duplicate task is queued for one text in ten, and 50 texts have an
identical twin to the same number.

Time is compressed twentyfold (a 30 s wait is 1.5 s); the run stops by itself when every
text has settled, or after TIME_LIMIT seconds. It reports texts per second, and lost,
duplicated and stuck texts, stuck tasks, and retries sooner than a Retry-After asked.

Uses DATABASE_URL when it points at PostgreSQL, else the local server at 127.0.0.1:5432.
`python bench/sms_throughput.py [--count N] [--kills N]`
"""

import collections
import datetime
import itertools
import os
import random
import signal
import subprocess
import sys
import time

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/family_voice_bench_wt_d")

COUNT = 2_000
TWINS = 50
DUPLICATE_TASKS = COUNT // 10
WORKERS = 2
TIME_LIMIT = 240  # seconds for the texts to settle
KILL_EVERY = (2.0, 6.0)  # seconds between kills, at random
MAX_KILLS = 30
TIMEOUT = 0.5  # the Twilio client's timeout; "slow" answers come after it
FAULTS = {
    "ok": 70,
    500: 4,
    503: 2,
    (429, "1"): 5,
    (429, "2"): 3,
    "hang": 2,
    "reset-before": 4,
    "reset-after": 5,
    "slow": 5,
}
FINAL = ("sent", "delivered", "failed", "opted_out")


def compress_time() -> None:
    """Every wait of the real thing, twenty times shorter (ten for heartbeats)."""
    from early_help.management.commands import run_worker
    from early_help.texts import delivery
    from early_help.workers import services as workers

    delivery.RETRY_BASE = datetime.timedelta(seconds=1.5)
    delivery.CHECK_AFTER = datetime.timedelta(seconds=1.5)
    delivery.RECOVER_BUDGET_SECONDS = 2
    workers.HEARTBEAT_EVERY = datetime.timedelta(seconds=0.5)
    workers.DEAD_AFTER = datetime.timedelta(seconds=3)
    run_worker.RECOVER_EVERY_BEATS = 2


def worker() -> None:
    """One worker process, as production runs it, with compressed time."""
    import _django  # noqa: F401 - sets Django up from the environment
    from django.core.management import call_command

    compress_time()
    call_command(
        "run_worker",
        "--queue-name",
        "*",
        "--interval",
        "0.1",
        "--no-startup-delay",
        "--no-reload",
        "-v0",
    )


def main(count: int, max_kills: int) -> int:
    from _django import ROOT, demo_database
    from django.db import connection
    from django.test import override_settings
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from early_help.models import OutboxMessage, SmsStatus
    from early_help.texts.tasks import sms_recover, sms_send
    from early_help.workers.services import tasks_recover
    from tests.early_help.texts.fake_twilio import FakeTwilio

    compress_time()
    twins = min(TWINS, max(count - 1000, 0))
    rng = random.Random(7)
    with (
        demo_database(),
        FakeTwilio(faults=FAULTS, seed=11, slow_seconds=TIMEOUT * 2) as fake,
        override_settings(
            SMS_BACKEND="twilio",
            TWILIO_API_BASE_URL=fake.url,
            TWILIO_TIMEOUT_SECONDS=TIMEOUT,
            FAMILY_VOICE_SMS_QUIET_HOURS=(0, 0),
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        ),
    ):
        fake.list_lag = 0.3
        OutboxMessage.objects.all().delete()
        rows = OutboxMessage.objects.bulk_create(
            [
                OutboxMessage(
                    phone=f"+4477009{i % 1000:05d}",
                    # Texts i and i + 1000 (i < twins) go to one number with the same words.
                    body=f"Bench text {i % 1000 if i >= 1000 and i % 1000 < twins else i}",
                    status=SmsStatus.QUEUED,
                )
                for i in range(count)
            ],
            batch_size=2000,
        )
        expected = collections.Counter((row.phone.as_e164, row.body) for row in rows)
        for row in rows:
            sms_send.enqueue(row.pk)
        for row in rng.sample(rows, DUPLICATE_TASKS * count // COUNT):
            sms_send.enqueue(row.pk)  # duplicate tasks must never mean duplicate texts
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
            "TWILIO_TIMEOUT_SECONDS": str(TIMEOUT),
            "FAMILY_VOICE_SMS_QUIET_HOURS": "0-0",
            "DJANGO_LOG_LEVEL": "CRITICAL",
        }

        def start():
            return subprocess.Popen(
                [sys.executable, __file__, "--worker"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

        start_time = time.monotonic()
        deadline = start_time + TIME_LIMIT
        workers = [start() for _ in range(WORKERS)]
        kills = 0
        next_kill = start_time + rng.uniform(*KILL_EVERY)
        next_recover = start_time
        open_texts = OutboxMessage.objects.exclude(status__in=FINAL)
        settled_at = None
        while time.monotonic() < deadline:
            now = time.monotonic()
            if now >= next_kill and kills < max_kills:
                victim = rng.randrange(len(workers))
                workers[victim].send_signal(signal.SIGKILL)
                workers[victim].wait()
                workers[victim] = start()
                kills += 1
                next_kill = now + rng.uniform(*KILL_EVERY)
            if now >= next_recover:
                # What the scheduler runs every minute (every 3 s, compressed).
                tasks_recover()
                sms_recover()
                next_recover = now + 3
            if not open_texts.exists():
                settled_at = time.monotonic()
                break
            time.sleep(0.2)
        elapsed = (settled_at or time.monotonic()) - start_time

        # Every text has settled: let the workers finish what is due, then stop them.
        quiet_by = time.monotonic() + 10
        while time.monotonic() < quiet_by:
            if not (
                DBTaskResult.objects.running().exists() or DBTaskResult.objects.ready().exists()
            ):
                break
            time.sleep(0.2)
        for process in workers:
            process.send_signal(signal.SIGTERM)
        for process in workers:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

        got = collections.Counter((m["to"], m["body"]) for m in fake.accepted)
        duplicated = sum(max(0, got[key] - n) for key, n in expected.items())
        lost = sum(max(0, n - got[key]) for key, n in expected.items())
        strangers = sum(n for key, n in got.items() if key not in expected)
        statuses = collections.Counter(OutboxMessage.objects.values_list("status", flat=True))
        stuck_texts = sum(n for status, n in statuses.items() if status not in FINAL)
        stuck_tasks = DBTaskResult.objects.running().count()
        ready_tasks = DBTaskResult.objects.ready().count()
        waiting_tasks = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
        sids_ok = _sids_match(fake.accepted, OutboxMessage)
        early, after_429 = _early_retries(fake.log)
        actions = collections.Counter(str(entry["action"]) for entry in fake.log)

        print(
            f"{count:,} texts ({twins} twin pairs), {count + DUPLICATE_TASKS * count // COUNT:,} "
            f"tasks, {WORKERS} workers, {kills} killed with SIGKILL and restarted"
        )
        print(f"  faults played: {dict(sorted(actions.items()))}")
        print(
            f"  settled in {elapsed:.1f} s: {count / elapsed:.1f} texts per second"
            + ("" if settled_at else f" (stopped at the {TIME_LIMIT} s limit)")
        )
        print(f"  statuses: {dict(statuses)}")
        print(
            f"  lost: {lost}  duplicated: {duplicated}  unknown texts at Twilio: {strangers}  "
            f"stuck texts: {stuck_texts}"
        )
        print(
            f"  tasks stuck RUNNING: {stuck_tasks}  ready at the end: {ready_tasks}  "
            f"waiting (deferred) at the end: {waiting_tasks - ready_tasks}"
        )
        print(f"  Twilio ids recorded match what Twilio took: {sids_ok}")
        print(f"  retries after a 429: {after_429}, sooner than Retry-After: {early}")
        print(f"  look-ups (GET) made: {fake.gets}")
        ok = not (lost or duplicated or strangers or stuck_texts or stuck_tasks or early)
        return 0 if ok and sids_ok and settled_at else 1


def _sids_match(accepted, OutboxMessage) -> bool:
    taken = {m["sid"] for m in accepted}
    recorded = set(
        OutboxMessage.objects.exclude(twilio_sid=None).values_list("twilio_sid", flat=True)
    )
    return recorded == taken


def _early_retries(log) -> tuple[int, int]:
    """(retries sooner than the Retry-After asked, retries that followed a 429)."""
    early = total = 0
    by_body = collections.defaultdict(list)
    for entry in log:
        if entry["body"] is not None:
            by_body[entry["body"]].append(entry)
    for entries in by_body.values():
        for earlier, later in itertools.pairwise(entries):
            if earlier.get("retry_after") is None:
                continue
            total += 1
            if later["at"] < earlier["at"] + float(earlier["retry_after"]):
                early += 1
    return early, total


def _test_database_url() -> str:
    from django.db import connection

    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
        raise SystemExit(0)

    def option(name: str, default: int) -> int:
        return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default

    raise SystemExit(main(option("--count", COUNT), option("--kills", MAX_KILLS)))
