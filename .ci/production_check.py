"""CI: the production path, for real, on a clean clone of the commit under test.

Runs the README's deploy steps (`bin/deploy build`, `bin/deploy release`) with production
settings on the local PostgreSQL and Redis, starts the processes the README lists (gunicorn
with two workers, two task workers), then checks through HTTP what a deployment must do.
Stops everything it started, whatever happens. Run by `.ci/run`; by hand:

    .venv/bin/python .ci/production_check.py

Needs the project's virtualenv (`make install`), npm, PostgreSQL at 127.0.0.1:5432 (trust
auth, user postgres) and Redis at 127.0.0.1:6379. Uses, and empties, the database
`family_voice_production_check` and Redis database 15.
"""

import gzip
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
VENV_BIN = HERE / ".venv" / "bin"
DATABASE = "family_voice_production_check"
REDIS_DB = 15
BUDGET = 40 * 1024
# Production refuses Ofcom's drama range, so the check needs a number phonenumbers calls a
# valid UK mobile. Nothing is sent: the console backend only marks the text sent.
PHONE = "07400 123456"
NAME = ("Ottoline", "Featherstonehaugh")
FREE_TEXT = "Quokka-shaped worries about the boiler"


def say(message: str) -> None:
    print(f"-- {message}", flush=True)


def run(args: list[str], *, cwd: Path, env: dict, timeout: float = 600, stderr=False) -> str:
    """Run a command to completion; its output (stdout, and stderr when asked), or stop."""
    result = subprocess.run(  # noqa: S603 - our own commands, no outside input
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout + (result.stderr if stderr else "")


def psql(sql: str) -> None:
    run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql],
        cwd=HERE,
        env=os.environ.copy(),
    )


def clean_clone(workdir: Path) -> Path:
    """The commit under test, checked out afresh: nothing built, nothing ignored carried."""
    commit = run(["git", "rev-parse", "HEAD"], cwd=HERE, env=os.environ.copy()).strip()
    app = workdir / "app"
    run(["git", "clone", "-q", "--no-checkout", str(HERE), str(app)], cwd=workdir, env=os.environ)
    run(["git", "checkout", "-q", commit], cwd=app, env=os.environ.copy())
    say(f"clean clone of {commit[:12]} in {app}")
    return app


def production_env(port: int) -> dict:
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "FAMILY_VOICE_", "SMS_", "TWILIO_"))
    }
    return {
        **keep,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "PUBLIC_BASE_URL": f"https://127.0.0.1:{port}",
        # Signatures are checked for real: the webhooks must refuse what is unsigned.
        "TWILIO_AUTH_TOKEN": secrets.token_hex(16),
        "SMS_BACKEND": "console",
        # Texts wait at night; CI runs at any hour.
        "FAMILY_VOICE_SMS_QUIET_HOURS": "0-0",
        "WEB_CONCURRENCY": "2",
    }


def main() -> int:
    started = time.monotonic()
    sys.path.insert(0, str(HERE))
    import redis
    import requests

    from tests.portal.servers import answers, free_port, start, stop, wait_until

    workdir = Path(tempfile.mkdtemp(prefix="family-voice-production-"))
    processes: list[subprocess.Popen] = []
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = production_env(port)
    log = workdir / "processes.log"
    passed = False
    try:
        app = clean_clone(workdir)
        sys.path.insert(0, str(app))
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        psql(f"CREATE DATABASE {DATABASE}")
        redis.Redis.from_url(env["REDIS_URL"]).flushdb()

        say("deploy steps, as the README gives them: bin/deploy build, bin/deploy release")
        run(["bin/deploy", "build"], cwd=app, env=env)
        run(["bin/deploy", "release"], cwd=app, env=env)
        # seed_demo refuses to run under production settings (it invents staff with a shared
        # password); this throwaway database is the one place it may, so the permission is
        # given here, in this process only, never by an environment variable.
        run(
            [
                *("python", "manage.py", "shell", "-c"),
                "from django.core.management import call_command\n"
                "from django.test import override_settings\n"
                "with override_settings(FAMILY_VOICE_DEMO_DATA_ALLOWED=True):\n"
                "    call_command('seed_demo', verbosity=0)\n",
            ],
            cwd=app,
            env=env,
        )

        say("starting gunicorn (2 workers) and 2 task workers")
        processes.append(
            start(
                [
                    *("gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi:application"),
                    *("--bind", f"127.0.0.1:{port}"),
                ],
                env=env,
                log=log,
                cwd=app,
            )
        )
        for _ in range(2):
            processes.append(
                start(
                    ["python", "manage.py", "run_worker", "--queue-name", "*"],
                    env=env,
                    log=log,
                    cwd=app,
                )
            )
        # One scheduler per deployment, as the README's process list says.
        processes.append(start(["python", "manage.py", "run_scheduler"], env=env, log=log, cwd=app))
        wait_until(lambda: answers(base_url + "/healthz/ready"), timeout=60, what="gunicorn")

        checks = Checks(base_url, app, env, log)
        checks.health()
        checks.https_only()
        checks.page_weight()
        checks.journey_and_text(wait_until)
        checks.admin_needs_sign_in()
        checks.webhooks_refuse_unsigned()
        checks.deploy_check()
        checks.rate_limits_shared()
        checks.logs(requests)
        checks.scheduled_jobs(wait_until)
        say(f"production path: all checks passed in {time.monotonic() - started:.0f} s")
        passed = True
        return 0
    finally:
        for process in processes:
            stop(process)
        if log.exists() and not passed:
            # The processes' own words, less the line per task, for whoever reads the failure.
            lines = [line for line in log.read_text().splitlines() if "portal.tasks" not in line]
            print("\n".join(lines[-150:]))
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        shutil.rmtree(workdir, ignore_errors=True)


class Checks:
    def __init__(self, base_url: str, app: Path, env: dict, log: Path):
        import requests

        from tests.portal.http_journey import Visitor

        self.requests = requests
        self.Visitor = Visitor
        self.base_url = base_url
        self.app = app
        self.env = env
        self.log = log
        self.reference = None

    def health(self):
        live = self.requests.get(self.base_url + "/healthz/live", timeout=10)
        ready = self.requests.get(self.base_url + "/healthz/ready", timeout=10)
        assert live.status_code == 200, live.text
        assert live.json() == {"live": True}, live.text
        body = ready.json()
        assert ready.status_code == 200, ready.text
        assert body["database"], ready.text
        assert body["cache"], ready.text
        say(f"health over plain HTTP: live 200, ready 200 {body}")

    def https_only(self):
        # Production keeps its redirect to HTTPS; the checks below act as the TLS proxy.
        plain = self.requests.get(self.base_url + "/", timeout=10, allow_redirects=False)
        assert plain.status_code == 301, plain.status_code
        assert plain.headers["Location"].startswith("https://"), plain.headers["Location"]
        say("plain HTTP to the site is redirected to HTTPS")

    def _transferred(self, session, url: str) -> tuple[int, str, bytes]:
        """Bytes on the wire for `url` as a browser asks for it, its encoding, and its body."""
        response = session.get(
            url, headers={"Accept-Encoding": "gzip, br"}, timeout=10, stream=True
        )
        assert response.status_code == 200, (url, response.status_code)
        raw = response.raw.read(decode_content=False)
        encoding = response.headers.get("Content-Encoding", "identity")
        body = gzip.decompress(raw) if encoding == "gzip" else raw
        if encoding == "br":
            import brotli

            body = brotli.decompress(raw)
        return len(raw), encoding, body

    def page_weight(self):
        visitor = self.Visitor(self.base_url, behind_tls_proxy=True)
        for path in ["/", "/ask-for-help/step/who/"]:
            html_bytes, html_encoding, html = self._transferred(
                visitor.session, self.base_url + path
            )
            assets = set(re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|m?js|woff2?))"', html))
            total, seen, rows = html_bytes, set(), [f"HTML {html_bytes} B ({html_encoding})"]
            queue = [a.decode() for a in assets]
            while queue:
                asset = queue.pop()
                if asset in seen:
                    continue
                seen.add(asset)
                size, encoding, body = self._transferred(visitor.session, self.base_url + asset)
                if not asset.endswith((".woff", ".woff2")):
                    assert encoding in {"gzip", "br"}, f"{asset} is not compressed"
                total += size
                rows.append(f"{asset.rsplit('/', 1)[-1]} {size} B ({encoding})")
                # What the browser fetches next: module imports and CSS url()s (fonts).
                base = asset.rsplit("/", 1)[0] + "/"
                for ref in re.findall(rb'(?:from|import)\s*"(\./[^"]+)"', body):
                    queue.append(base + ref.decode()[2:])
                for ref in re.findall(rb"url\((?:\"|')?(/static/[^\"')]+)", body):
                    queue.append(ref.decode())
            assert total <= BUDGET, f"{path}: {total} B over the {BUDGET} B budget: {rows}"
            say(f"page weight {path}: {total / 1024:.1f} KiB <= 40 KiB ({', '.join(rows)})")

    def journey_and_text(self, wait_until):
        from tests.cms.journey import PARENT_STEPS, URL

        steps = dict(PARENT_STEPS)
        steps["about-you"] = {
            **steps["about-you"],
            "first_name": NAME[0],
            "last_name": NAME[1],
            "phone": PHONE,
        }
        steps["whats-happening"] = {**steps["whats-happening"], "description": FREE_TEXT}
        visitor = self.Visitor(self.base_url, behind_tls_proxy=True)
        assert visitor.get(URL).status_code == 200
        saves = visitor.answer_every_step(list(steps.items()))
        assert all(status in {200, 302} for status in saves), saves
        assert saves[-1] == 302, saves
        assert visitor.submit(times=2) == [302, 302]
        self.reference = visitor.reference()
        say(f"journey walked through gunicorn and submitted: {self.reference}")

        query = (
            "from early_help.models import HelpRequest, OutboxMessage\n"
            f"r = HelpRequest.objects.get(reference={self.reference!r})\n"
            "t = OutboxMessage.objects.filter(help_request=r, template_key='request_received')\n"
            "print(HelpRequest.objects.count(), list(t.values_list('status', flat=True)))\n"
        )

        def text_sent() -> bool:
            out = run(["python", "manage.py", "shell", "-c", query], cwd=self.app, env=self.env)
            return out.strip().endswith("['sent']")

        wait_until(text_sent, timeout=60, what="the worker to send the 'request received' text")
        say("help request stored once; its 'request received' text sent by a task worker")

    def rate_limits_shared(self):
        """Wrong resume codes are counted in Redis, so both web processes see one count."""
        path = "/ask-for-help/carry-on/"
        limit = 10  # FAMILY_VOICE_RESUME_ATTEMPTS_PER_HOUR's default
        visitor = self.Visitor(self.base_url, behind_tls_proxy=True)
        # A new connection per request, so gunicorn's two processes share the tries.
        visitor.session.headers["Connection"] = "close"
        token = visitor.token(visitor.get(path))
        wrong = {"code": "ABCD EFGH", "phone_last_four": "0000"}
        statuses = [visitor.post(path, wrong, token=token).status_code for _ in range(limit + 1)]
        assert statuses == [200] * limit + [429], statuses
        records = [
            json.loads(line) for line in self.log.read_text().splitlines() if line[:1] == "{"
        ]
        served_by = {
            r["process"]
            for r in records
            if r.get("logger") == "portal.access"
            and r.get("path") == path
            and r.get("method") == "POST"
        }
        assert len(served_by) == 2, served_by
        say(f"rate limit shared: {limit} wrong codes across 2 web processes, then 429")

    def scheduled_jobs(self, wait_until):
        """The scheduler queues the every-minute jobs and a task worker runs them."""
        query = (
            "from early_help.models import JobRun\n"
            "print(sorted(set(JobRun.objects.filter(outcome='succeeded')"
            ".values_list('job', flat=True))))\n"
        )

        def ran() -> bool:
            out = run(["python", "manage.py", "shell", "-c", query], cwd=self.app, env=self.env)
            return "'publish_scheduled'" in out and "'sms_drain'" in out

        # The every-minute jobs fire at the next minute boundary: at most a minute away.
        wait_until(ran, timeout=90, what="the scheduler's every-minute jobs to run")
        say("scheduler: sms_drain and publish_scheduled queued and run by a task worker")

    def admin_needs_sign_in(self):
        visitor = self.Visitor(self.base_url, behind_tls_proxy=True)
        admin = visitor.get("/admin/")
        assert admin.status_code == 302, admin.status_code
        location = admin.headers["Location"]
        assert location.startswith("/accounts/login/"), location
        sign_in = visitor.get(location)
        assert sign_in.status_code == 200
        assert 'name="password"' in sign_in.text
        say(f"/admin/ leads to sign-in ({location})")

    def webhooks_refuse_unsigned(self):
        headers = {"X-Forwarded-Proto": "https"}
        for path in ["/sms/status/", "/sms/inbound/"]:
            response = self.requests.post(
                self.base_url + path,
                data={"MessageSid": "SM" + "0" * 32, "MessageStatus": "delivered"},
                headers=headers,
                timeout=10,
            )
            assert response.status_code == 403, (path, response.status_code)
        say("webhooks refuse unsigned posts (403)")

    def deploy_check(self):
        output = run(
            ["python", "manage.py", "check", "--deploy"], cwd=self.app, env=self.env, stderr=True
        )
        codes = set(re.findall(r"\(([a-z_.]+\.[WE]\d+)\)", output))
        assert codes <= {"security.W021"}, output
        say(f"check --deploy: {sorted(codes) or 'nothing'}")

    def logs(self, requests):
        lines = self.log.read_text().splitlines()
        records = [json.loads(line) for line in lines if line.startswith("{")]
        access = [r for r in records if r.get("logger") == "portal.access"]
        tasks = [r for r in records if r.get("logger") == "portal.tasks" and "status" in r]
        assert access, "no access lines"
        assert all(r.get("request_id") for r in access), "an access line without a request id"
        assert any(r["status"] == "SUCCESSFUL" for r in tasks), "no task lines"
        # Two gunicorn workers served the journey, with sessions and drafts shared.
        pids = {r["process"] for r in access if r["path"].startswith("/ask-for-help/")}
        assert len(pids) == 2, f"journey served by {len(pids)} web process(es)"
        everything = "\n".join(lines).lower()
        for secret in (*NAME, PHONE, PHONE.replace(" ", ""), "7400123456", FREE_TEXT):
            assert secret.lower() not in everything, f"personal data in the logs: {secret}"
        say(
            f"logs: {len(access)} JSON access lines, {len(tasks)} task lines, "
            f"journey served by {len(pids)} web processes, no personal data"
        )


if __name__ == "__main__":
    raise SystemExit(main())
