"""Server time of the report's "where requests wait", "why families come back" and
"three or more lead practitioners" figures at a region's scale, on PostgreSQL.

    python bench/where_help_waits.py [ROWS] [--runs N]

Builds ROWS help requests as `staff_queue.py` does, then a wait on every third request
(one in five still open), a re-referral on every tenth (most tagged), two changes of
lead practitioner on every fourth and one on every twentieth, whose re-referral makes
some families' third; prints the median and 95th percentile of each
selector and of the whole report page, for a locality manager and for an administrator.
"""

import argparse
from datetime import timedelta

from _django import demo_database, timed
from staff_queue import ROWS, build

RUNS = 20


def build_waits_and_returns() -> None:
    from django.db import connection

    from early_help.blockages.defaults import blockage_reasons_ensure
    from early_help.models import BlockageReason

    blockage_reasons_ensure(BlockageReason)
    reasons = list(BlockageReason.objects.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO early_help_blockage (help_request_id, reason_id, started_at, cleared_at) "
            "SELECT id, (%(reasons)s::bigint[])[1 + id %% %(n)s], submitted_at + interval '1 hour', "
            "CASE WHEN id %% 5 = 0 THEN NULL "
            "ELSE submitted_at + interval '1 hour' + (id %% 100) * interval '1 hour' END "
            "FROM early_help_helprequest WHERE id %% 3 = 0",
            {"reasons": reasons, "n": len(reasons)},
        )
        cursor.execute(
            "INSERT INTO early_help_rereferral (help_request_id, earlier_id, matched_on, reason) "
            "SELECT id, id - 1, 'same_phone', (ARRAY['', 'same_need_not_met', 'new_need', "
            "'closed_too_early', 'family_not_engaged', 'moved_in', 'other'])[1 + id % 7] "
            "FROM early_help_helprequest WHERE id % 10 = 1 "
            "AND id - 1 IN (SELECT id FROM early_help_helprequest)"
        )
        cursor.execute(
            "INSERT INTO early_help_requestevent (help_request_id, kind, summary, data, created_at) "
            "SELECT id, 'lead_changed', 'Lead', "
            "jsonb_build_object('lead_practitioner', 'P' || ((id * 3 + n) % 50)), "
            "submitted_at + n * interval '1 day' "
            "FROM early_help_helprequest, generate_series(1, 2) AS n WHERE id % 4 = 0 "
            # and a third practitioner, on the later request, for one family in ten
            "UNION ALL SELECT id, 'lead_changed', 'Lead', "
            "jsonb_build_object('lead_practitioner', 'Q' || (id % 50)), submitted_at "
            "FROM early_help_helprequest WHERE id % 20 = 1"
        )
        for table in ("blockage", "rereferral", "requestevent"):
            cursor.execute(f"VACUUM ANALYZE early_help_{table}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=ROWS)
    parser.add_argument("--runs", type=int, default=RUNS)
    arguments = parser.parse_args()

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from early_help.blockages.selectors import blockage_hours_by_reason
    from early_help.models import Blockage, HelpRequest, Locality, RequestEvent, ReReferral
    from early_help.staff_access.roles import StaffRole
    from early_help.staff_queue.selectors import (
        families_with_three_or_more_practitioners,
        repeat_demand,
    )
    from tests.factories import login_with_mfa, staff_member

    with demo_database():
        assert connection.vendor == "postgresql", "this benchmark is for PostgreSQL"
        build(arguments.rows)
        build_waits_and_returns()
        town = Locality.objects.order_by("pk").first()
        manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=town)
        admin = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
        print(
            f"{HelpRequest.objects.count():,} help requests, {Blockage.objects.count():,} waits, "
            f"{ReReferral.objects.count():,} re-referrals, "
            f"{RequestEvent.objects.filter(kind='lead_changed').count():,} lead changes"
        )
        print(f"{'figure':<56} {'median ms':>10} {'p95 ms':>8}")
        since = timezone.now() - timedelta(days=365)
        for who, user in (("locality manager", manager), ("administrator", admin)):
            requests = HelpRequest.objects.visible_to(user).filter(
                locality__in=Locality.objects.all()
            )
            figures = [
                ("where requests wait", blockage_hours_by_reason),
                ("why families come back", repeat_demand),
                ("three or more practitioners", families_with_three_or_more_practitioners),
            ]
            for label, selector in figures:
                median, p95 = timed(
                    lambda selector=selector, requests=requests: selector(
                        requests=requests, since=since
                    ),
                    arguments.runs,
                )
                print(f"{who + ': ' + label:<56} {median:>10.1f} {p95:>8.1f}")
            client = Client()
            login_with_mfa(client, user)
            median, p95 = timed(
                lambda client=client: client.get("/admin/help-requests/reports/"), arguments.runs
            )
            print(f"{who + ': the whole report page':<56} {median:>10.1f} {p95:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
