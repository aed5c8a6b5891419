"""The queue's row-level export at a region's scale, on PostgreSQL: time and memory.

    python bench/request_export.py [ROWS]

ROWS help requests (100,000 unless given) are written as `staff_queue.py` writes them.
An administrator downloads every request in scope as CSV and as Excel; for each the bench
prints the rows, the bytes, the time, and the most Python memory held at once while the
file was made (tracemalloc, in a second run, as it slows things down). Memory that stays
flat as ROWS grows is the point: the file is written a chunk of rows at a time.
"""

import argparse
import os
import time
import tracemalloc

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/family_voice_bench")

from _django import demo_database
from staff_queue import build

ROWS = 100_000


def download(client, kind: str) -> int:
    response = client.get("/admin/help-requests/export/", {"scope": "all", "format": kind})
    assert response.status_code == 200, response.status_code
    # Count the bytes without keeping them, as a browser saving the file would.
    return sum(len(chunk) for chunk in response.streaming_content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=ROWS)
    arguments = parser.parse_args()

    from django.db import connection
    from django.test import Client

    from early_help.models import HelpRequest
    from early_help.staff_access.roles import StaffRole
    from tests.factories import login_with_mfa, staff_member

    with demo_database():
        assert connection.vendor == "postgresql", "this benchmark is for PostgreSQL"
        build(arguments.rows)
        admin = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
        client = Client()
        login_with_mfa(client, admin)
        print(f"{HelpRequest.objects.count():,} help requests on {connection.vendor}")
        print(f"{'format':<8} {'bytes':>12} {'seconds':>8} {'peak Python MiB':>16}")
        for kind in ("csv", "xlsx"):
            started = time.perf_counter()
            size = download(client, kind)
            seconds = time.perf_counter() - started
            tracemalloc.start()
            download(client, kind)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"{kind:<8} {size:>12,} {seconds:>8.1f} {peak / 2**20:>16.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
