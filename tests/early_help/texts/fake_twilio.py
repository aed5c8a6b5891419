"""A stand-in for Twilio's Messages API on 127.0.0.1, for fault cases Prism cannot play.

`plan` lists how to answer the next POSTs; when it is empty, `faults` (action: weight)
picks one at random (the benchmark), else "ok". Actions:

- "ok": take the message (201).
- a status code (500, 503, 429, 400): Twilio's JSON error, message not taken.
- (429, "7"): a 429 with that Retry-After header (seconds, or an HTTP date).
- "stop": error 21610, the recipient replied STOP.
- "hang": never answer, message not taken (the client times out).
- "slow": take the message, then answer only after `slow_seconds` (after the client's
  timeout): Twilio has it, the client never hears.
- "reset-before": reset the connection without reading the request: not taken.
- "reset-after": take the message, then reset the connection instead of answering.

GET lists what was taken, newest first as Twilio does, filtered by To; a message shows in
the list only `list_lag` seconds after it was taken. `log` records every POST (wall-clock
time, body, action, the Retry-After sent) so the benchmark can check it was honoured.
"""

import itertools
import json
import random
import socket
import struct
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from django.utils import timezone

TAKES_THE_MESSAGE = {"ok", "slow", "reset-after"}


def _public(message: dict) -> dict:
    """What Twilio answers about a message: not our bookkeeping, nor the status callback
    (Twilio's Message resource does not include it, so nothing may rely on it)."""
    return {k: v for k, v in message.items() if not k.startswith("_") and k != "status_callback"}


class FakeTwilio:
    def __init__(self, *, faults: dict | None = None, seed: int = 1, slow_seconds: float = 1.0):
        self.plan: list = []
        self.faults = faults or {}
        self.slow_seconds = slow_seconds
        self.list_lag = 0.0
        self.accepted: list[dict] = []
        self.log: list[dict] = []
        self.posts = 0
        self.gets = 0
        self.release = threading.Event()
        self._random = random.Random(seed)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status: int, payload: dict, headers: dict | None = None):
                body = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up waiting ("slow")

            def _reset(self):
                # SO_LINGER 0: close() sends RST, as a dropped connection does.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
                self.close_connection = True

            def do_POST(self):
                with fake._lock:
                    fake.posts += 1
                    action = fake.plan.pop(0) if fake.plan else fake._pick()
                if action == "reset-before":
                    with fake._lock:
                        fake.log.append({"at": time.time(), "body": None, "action": action})
                    return self._reset()
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                retry_after = action[1] if isinstance(action, tuple) else None
                with fake._lock:
                    fake.log.append(
                        {
                            "at": time.time(),
                            "body": form.get("Body"),
                            "action": action,
                            "retry_after": retry_after,
                        }
                    )
                if action == "hang":
                    fake.release.wait(30)
                    return None
                if action == "stop":
                    return self._reply(
                        400,
                        {
                            "code": 21610,
                            "message": "Attempt to send to unsubscribed recipient",
                            "status": 400,
                        },
                    )
                if isinstance(action, tuple | int):
                    status = action[0] if isinstance(action, tuple) else action
                    return self._reply(
                        status,
                        {
                            "code": {400: 21211, 429: 20429}.get(status, 20500),
                            "message": "fault",
                            "status": status,
                        },
                        {"Retry-After": retry_after} if retry_after is not None else None,
                    )
                message = fake._take(form)
                if action == "reset-after":
                    return self._reset()
                if action == "slow":
                    fake.release.wait(fake.slow_seconds)
                return self._reply(201, message)

            def do_GET(self):
                query = parse_qs(urlparse(self.path).query)
                to = query.get("To", [None])[0]
                visible_before = time.monotonic() - fake.list_lag
                with fake._lock:
                    fake.gets += 1
                    messages = [
                        _public(m)
                        for m in reversed(fake.accepted)
                        if (to is None or m["to"] == to) and m["_taken"] <= visible_before
                    ]
                self._reply(
                    200,
                    {
                        "messages": messages,
                        "next_page_uri": None,
                        "page": 0,
                        "page_size": 50,
                        "first_page_uri": self.path,
                        "uri": self.path,
                        "previous_page_uri": None,
                        "start": 0,
                        "end": len(messages),
                    },
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _pick(self):
        if not self.faults:
            return "ok"
        actions = list(self.faults)
        return self._random.choices(actions, weights=[self.faults[a] for a in actions])[0]

    def _take(self, form: dict) -> dict:
        sid = f"SM{next(self._ids):032d}"
        now = format_datetime(timezone.now())
        message = {
            "sid": sid,
            "account_sid": "AC" + "0" * 32,
            "to": form.get("To"),
            "from": form.get("From"),
            "body": form.get("Body"),
            "status": "queued",
            "status_callback": form.get("StatusCallback"),
            "date_created": now,
            "date_sent": None,  # Twilio fills it in when it passes the text on
            "direction": "outbound-api",
            "api_version": "2010-04-01",
            "_taken": time.monotonic(),
        }
        with self._lock:
            self.accepted.append(message)
        return _public(message)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
