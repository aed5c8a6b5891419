"""Server time of the reports page at a region's scale, on PostgreSQL.

    python bench/reports.py [ROWS] [--runs N]

ROWS help requests (100,000 unless given) are written as the staff queue bench writes
them, each with the timeline its status implies (submitted, routed, claimed, contacted,
closed, a few passed to MASH and back, some waiting on another agency), spread over the
past year; time at each stage is then worked out from those timelines by the same code the
services use. Prints the median and 95th percentile of RUNS loads of the reports page for a
locality manager and for an administrator.
"""

import argparse
import os
import time

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/family_voice_bench")

from _django import demo_database, timed_get
from staff_queue import build as build_requests

ROWS = 100_000
RUNS = 40

# The timeline of request `r` (id), as SQL over r.id, r.submitted_at and r.status. The hours
# between steps come from hashes of the id, so towns and months get a spread of waits.
EVENTS = """
INSERT INTO early_help_requestevent (help_request_id, kind, actor_id, summary, data, created_at)
SELECT r.id, e.kind, NULL, e.kind, e.data::jsonb, r.submitted_at + e.after
FROM early_help_helprequest r
CROSS JOIN LATERAL (VALUES
    ('submitted', '{}', interval '0'),
    ('routed', '{}', interval '1 second'),
    ('assigned', '{}', (abs(hashint4(r.id::int)) %% 96) * interval '1 hour'),
    ('contact_attempt', '{"made_contact": true}',
        (96 + abs(hashint4((r.id + 7)::int)) %% 120) * interval '1 hour'),
    ('waiting_started', '{"blockage": 1, "reason": 1, "other_agency": true}',
        (100 + abs(hashint4((r.id + 11)::int)) %% 48) * interval '1 hour'),
    ('waiting_cleared', '{"blockage": 1, "reason": 1, "other_agency": true}',
        (150 + abs(hashint4((r.id + 13)::int)) %% 200) * interval '1 hour'),
    ('lead_changed', '{"lead_practitioner": "Worker ' || (r.id %% 7) || '"}',
        (97 + abs(hashint4((r.id + 19)::int)) %% 100) * interval '1 hour'),
    ('status_changed', '{"status": "closed", "outcome": "support_completed"}',
        (400 + abs(hashint4((r.id + 17)::int)) %% 900) * interval '1 hour')
) AS e(kind, data, after)
WHERE r.reference LIKE 'FV-B%%' AND (
      (e.kind IN ('submitted', 'routed'))
   OR (e.kind = 'assigned' AND r.status IN ('allocated', 'in_contact', 'closed'))
   OR (e.kind = 'contact_attempt' AND r.status IN ('in_contact', 'closed'))
   OR (e.kind IN ('waiting_started', 'waiting_cleared') AND r.status = 'closed' AND r.id %% 5 = 0)
   OR (e.kind = 'lead_changed' AND r.status IN ('in_contact', 'closed'))
   OR (e.kind = 'status_changed' AND r.status = 'closed'))
"""
# The waits those timelines tell of, for the "where requests wait" figures, and one
# request in fifty repeating the one before it, for "why families come back".
BLOCKAGES = """
INSERT INTO early_help_blockage (help_request_id, reason_id, started_at, cleared_at)
SELECT e.help_request_id, %(reason)s, e.created_at, c.created_at
FROM early_help_requestevent e
JOIN early_help_requestevent c ON c.help_request_id = e.help_request_id AND c.kind = 'waiting_cleared'
WHERE e.kind = 'waiting_started' AND e.summary = 'waiting_started'
"""
RE_REFERRALS = """
INSERT INTO early_help_rereferral (help_request_id, earlier_id, matched_on, reason)
SELECT r.id, r.id - 1, 'same_phone', (ARRAY['', 'same_need_not_met', 'new_need'])[1 + r.id %% 3]
FROM early_help_helprequest r
WHERE r.id %% 50 = 0 AND r.reference LIKE 'FV-B%%'
  AND EXISTS (SELECT 1 FROM early_help_helprequest e WHERE e.id = r.id - 1)
"""


def build(rows: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from early_help.models import BlockageReason, HelpRequest
    from early_help.waiting_times.services import status_spells_rebuild

    build_requests(rows)
    with connection.cursor() as cursor:
        # Spread the requests over the past year rather than the past few weeks.
        cursor.execute(
            "UPDATE early_help_helprequest SET submitted_at = %s - (id %% 8760) * interval '1 hour'"
            " WHERE reference LIKE 'FV-B%%'",
            [timezone.now()],
        )
        cursor.execute(EVENTS, [])
        reason = BlockageReason.objects.get(name="Waiting for a health visitor decision")
        cursor.execute(BLOCKAGES, {"reason": reason.pk})
        cursor.execute(RE_REFERRALS, [])
        cursor.execute("VACUUM ANALYZE early_help_requestevent")
    status_spells_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE early_help_statusspell")
    assert HelpRequest.objects.count() >= rows


def slowest_queries(client, params: dict, show: int = 5) -> None:
    from django.db import connection

    queries = []

    def timed(execute, sql, params_, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params_, many, context)
        finally:
            queries.append(((time.perf_counter() - start) * 1000, sql))

    with connection.execute_wrapper(timed):
        client.get("/admin/help-requests/reports/", params)
    print(f"  {len(queries)} queries, {sum(ms for ms, _ in queries):.0f} ms in the database")
    for ms, sql in sorted(queries, reverse=True)[:show]:
        print(f"  {ms:7.1f} ms  {sql[:150]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=ROWS)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument(
        "--queries", action="store_true", help="also print the slowest queries of one load"
    )
    arguments = parser.parse_args()

    from django.db import connection
    from django.test import Client

    from early_help.models import HelpRequest, Locality, RequestEvent, StatusSpell
    from early_help.staff_access.roles import StaffRole
    from tests.factories import login_with_mfa, staff_member

    with demo_database():
        assert connection.vendor == "postgresql", "this benchmark is for PostgreSQL"
        started = time.perf_counter()
        build(arguments.rows)
        built = time.perf_counter() - started
        town = Locality.objects.order_by("pk").first()
        manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=town)
        admin = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
        print(
            f"{HelpRequest.objects.count():,} help requests, {RequestEvent.objects.count():,} "
            f"timeline lines, {StatusSpell.objects.count():,} stages on {connection.vendor}"
        )
        print(f"(built in {built:.0f} s; {arguments.runs} loads a view)")
        print(f"{'view':<48} {'median ms':>10} {'p95 ms':>8}")
        for who, user in (("locality manager", manager), ("administrator", admin)):
            client = Client()
            login_with_mfa(client, user)
            for label, params in (
                ("reports page", {}),
                ("reports, one town", {"locality": town.slug}),
            ):
                median, p95 = timed_get(
                    client, "/admin/help-requests/reports/", params, arguments.runs
                )
                if arguments.queries:
                    slowest_queries(client, params)
                print(f"{who + ': ' + label:<48} {median:>10.1f} {p95:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
