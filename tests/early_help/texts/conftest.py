import socket
import subprocess
import threading
from pathlib import Path

import pytest

from early_help.texts import backends

from .fake_twilio import FakeTwilio

ROOT = Path(__file__).resolve().parents[3]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
TWILIO_SPEC = (
    ROOT
    / "node_modules"
    / "@twilio-alpha"
    / "mcp"
    / "twilio-oai"
    / "spec"
    / "json"
    / "twilio_api_v2010.json"
)


@pytest.fixture(autouse=True)
def _empty_outbox():
    backends.outbox.clear()
    yield
    backends.outbox.clear()


@pytest.fixture
def fake_twilio(settings):
    with FakeTwilio() as fake:
        settings.SMS_BACKEND = "twilio"
        settings.TWILIO_API_BASE_URL = fake.url
        settings.TWILIO_TIMEOUT_SECONDS = 0.5
        yield fake


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def prism():
    """Stoplight Prism serving Twilio's official OpenAPI description of the 2010 API."""
    assert PRISM.exists(), "run `npm ci` first (make test does)"
    assert TWILIO_SPEC.exists(), "run `npm ci` first (make test does)"
    port = _free_port()
    process = subprocess.Popen(
        [str(PRISM), "mock", "-h", "127.0.0.1", "-p", str(port), str(TWILIO_SPEC)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # Prism says when it is ready; read its output until it does (or it exits).
    for line in process.stdout:
        if "listening" in line.lower():
            break
    else:
        raise RuntimeError("Prism exited before it was ready")
    threading.Thread(target=process.stdout.read, daemon=True).start()  # keep the pipe drained
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)
