"""Start real server and worker processes for tests that need more than one process."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
POLL_SECONDS = 0.05


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_environ(**extra: str) -> dict[str, str]:
    """This process's environment without its Django settings, plus `extra`."""
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "FAMILY_VOICE_", "SMS_"))
    }
    return {**keep, "PYTHONUNBUFFERED": "1", **extra}


def manage(*args: str, env: dict[str, str], timeout: float = 120) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def start(args: list[str], *, env: dict[str, str], log: Path, cwd: Path = ROOT) -> subprocess.Popen:
    """Start a long-running process in its own process group, its output going to `log`."""
    with log.open("ab") as out:
        return subprocess.Popen(
            args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen) -> None:
    """Stop a process started by `start` and everything it forked (gunicorn's workers)."""
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait(timeout=10)


def wait_until(ready: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll `ready` until it answers true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        # The interval between polls, never a wait that an assertion relies on.
        time.sleep(POLL_SECONDS)


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        # Refused while the server starts, or slow while its workers load the app.
        return False
