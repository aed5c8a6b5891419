"""Server time of the staff queue page with 100,000 help requests, on PostgreSQL.

Uses DATABASE_URL when it points at PostgreSQL, else the local server at 127.0.0.1:5432.
Prints the median and 95th percentile of 60 requests for each view of the queue.
"""

import os
import statistics
import time

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/family_voice_bench")

from _django import demo_database

ROWS = 100_000
RUNS = 60


def main() -> int:
    import datetime

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from early_help.models import HelpRequest, Locality
    from early_help.staff_access.roles import StaffRole
    from tests.factories import login_with_mfa, staff_member

    with demo_database():
        assert connection.vendor == "postgresql", "this benchmark is for PostgreSQL"
        localities = list(Locality.objects.all())
        now = timezone.now()
        batch = []
        for i in range(ROWS):
            batch.append(
                HelpRequest(
                    reference=f"FV-B{i:06d}",
                    idempotency_key=f"00000000-0000-4000-8000-{i:012d}",
                    requester_type="parent_carer",
                    locality=localities[i % len(localities)],
                    first_name="Bench",
                    last_name=f"Family {i}",
                    phone=f"+4477009{i % 100000:05d}"[:13],
                    postcode="B69 4AB",
                    help_wanted="Help",
                    submitted_at=now - datetime.timedelta(minutes=i),
                    respond_by=(now - datetime.timedelta(minutes=i)).date()
                    + datetime.timedelta(days=2),
                    status=["submitted", "allocated", "in_contact", "closed"][i % 4],
                    safeguarding_flag=i % 97 == 0,
                    in_mash_queue=i % 194 == 0,
                )
            )
            if len(batch) == 5000:
                HelpRequest.objects.bulk_create(batch)
                batch = []
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=localities[0])
        admin = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
        print(f"{HelpRequest.objects.count():,} help requests on {connection.vendor}")
        print(f"{'view':<48} {'median ms':>10} {'p95 ms':>8}")
        for who, user in (("locality manager", manager), ("administrator", admin)):
            client = Client()
            login_with_mfa(client, user)
            for label, params in [
                ("queue, 25 rows", {}),
                ("queue, 100 rows", {"per_page": 100}),
                ("overdue filter", {"overdue": "on"}),
                ("search by phone", {"q": "07700 900123"}),
                ("page 40", {"p": 40}),
            ]:
                client.get("/admin/help-requests/", params)
                timings = []
                for _ in range(RUNS):
                    start = time.perf_counter()
                    response = client.get("/admin/help-requests/", params)
                    timings.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200
                timings.sort()
                p95 = timings[int(len(timings) * 0.95) - 1]
                print(f"{who + ': ' + label:<48} {statistics.median(timings):>10.1f} {p95:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
