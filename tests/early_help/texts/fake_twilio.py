"""A stand-in for Twilio's Messages API on 127.0.0.1, for fault cases Prism cannot play.

`plan` lists how to answer the next POSTs: "ok", a status code (500, 429, 400), "stop"
(error 21610: the recipient replied STOP) or "hang" (never answer, so the client times
out). GET lists what was accepted, as Twilio's list endpoint does.
"""

import itertools
import json
import threading
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from django.utils import timezone


class FakeTwilio:
    def __init__(self):
        self.plan: list = []
        self.accepted: list[dict] = []
        self.posts = 0
        self.release = threading.Event()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status: int, payload: dict):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                with fake._lock:
                    fake.posts += 1
                    action = fake.plan.pop(0) if fake.plan else "ok"
                if action == "hang":
                    fake.release.wait(30)
                    return
                if action == "stop":
                    return self._reply(
                        400,
                        {
                            "code": 21610,
                            "message": "Attempt to send to unsubscribed recipient",
                            "status": 400,
                        },
                    )
                if isinstance(action, int):
                    return self._reply(
                        action,
                        {
                            "code": 21211 if action == 400 else 20500,
                            "message": "fault",
                            "status": action,
                        },
                    )
                sid = f"SM{next(fake._ids):032d}"
                message = {
                    "sid": sid,
                    "account_sid": "AC" + "0" * 32,
                    "to": form.get("To"),
                    "from": form.get("From"),
                    "body": form.get("Body"),
                    "status": "queued",
                    "status_callback": form.get("StatusCallback"),
                    "date_created": format_datetime(timezone.now()),
                    "date_sent": format_datetime(timezone.now()),
                    "direction": "outbound-api",
                    "api_version": "2010-04-01",
                }
                with fake._lock:
                    fake.accepted.append(message)
                self._reply(201, message)

            def do_GET(self):
                query = parse_qs(urlparse(self.path).query)
                to = query.get("To", [None])[0]
                with fake._lock:
                    messages = [m for m in fake.accepted if to is None or m["to"] == to]
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
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
