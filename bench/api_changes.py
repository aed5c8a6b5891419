"""Server time of the API's change feed at a region's scale, on PostgreSQL.

    python bench/api_changes.py [ROWS] [--runs N] [--changed N]

Builds ROWS help requests (100,000 unless given) the way bench/staff_queue.py does, then
changes CHANGED of them (1,500) "in the last hour", and times a case system reading the
feed through the real endpoint (token check, rate limit, scope, audit record included):
1,000 changed requests from a cursor an hour old, the next page, and a page of 1,000 from
the start of the feed. Prints the median and 95th percentile of RUNS calls for each.
The target: 1,000 changed requests of 100,000 under 200 ms at the 95th percentile.
"""

import argparse
import os
import time
from datetime import timedelta

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/family_voice_bench")

from _django import demo_database, timed_get
from staff_queue import build

ROWS = 100_000
RUNS = 60
CHANGED = 1_500
TARGET_MS = 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=ROWS)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--changed", type=int, default=CHANGED)
    arguments = parser.parse_args()

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from early_help.api_clients import selectors as api_selectors
    from early_help.api_clients.services import api_client_create
    from early_help.models import ApiAccess, HelpRequest, Locality
    from early_help.staff_access.roles import StaffRole
    from tests.factories import staff_member

    with demo_database():
        assert connection.vendor == "postgresql", "this benchmark is for PostgreSQL"
        started = time.perf_counter()
        build(arguments.rows)
        now = timezone.now()
        # Changes spread over the last hour, on requests spread over the whole table.
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {HelpRequest._meta.db_table} SET updated_at = %s - (random() * "
                "interval '55 minutes') WHERE id IN (SELECT id FROM "
                f"{HelpRequest._meta.db_table} ORDER BY hashint4(id::int) LIMIT %s)",
                [now, arguments.changed * 3],
            )
            cursor.execute(f"VACUUM ANALYZE {HelpRequest._meta.db_table}")
        built = time.perf_counter() - started
        admin = staff_member(StaffRole.ADMINISTRATOR)
        towns = list(Locality.objects.order_by("pk")[:2])
        api_client, token = api_client_create(
            user=admin,
            name="Bench case system",
            localities=towns,
            sees_mash_queue=False,
            access=ApiAccess.READ,
            rate_limit_per_minute=1_000_000,
        )
        in_scope = HelpRequest.objects.filter(api_client.scope_q())
        hour_ago = api_selectors.cursor_encode(now - timedelta(hours=1), 0)
        changed = in_scope.filter(updated_at__gt=now - timedelta(hours=1)).count()
        print(f"{HelpRequest.objects.count():,} help requests on {connection.vendor}")
        print(
            f"client of {len(towns)} towns: {in_scope.count():,} in scope, {changed:,} "
            f"changed in the last hour (built in {built:.0f} s; {arguments.runs} calls a line)"
        )
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        first = client.get("/api/v1/help-requests", {"cursor": hour_ago, "limit": 1000}).json()
        calls = [
            ("1,000 changed in the last hour", {"cursor": hour_ago, "limit": 1000}),
            ("the page after", {"cursor": first["next_cursor"], "limit": 1000}),
            ("1,000 from the start of the feed", {"limit": 1000}),
            ("100 changed in the last hour", {"cursor": hour_ago, "limit": 100}),
        ]
        print(f"{'call':<40} {'rows':>6} {'median ms':>10} {'p95 ms':>8}")
        worst = 0.0
        for label, params in calls:
            rows = len(client.get("/api/v1/help-requests", params).json()["items"])
            median, p95 = timed_get(client, "/api/v1/help-requests", params, arguments.runs)
            if label.startswith("1,000 changed"):
                worst = p95
            print(f"{label:<40} {rows:>6} {median:>10.1f} {p95:>8.1f}")
        verdict = "within" if worst < TARGET_MS else "OVER"
        print(f"1,000 changed of {arguments.rows:,}: p95 {worst:.1f} ms, {verdict} {TARGET_MS} ms")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
