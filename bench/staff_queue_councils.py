"""Server time of the staff queue page with two councils on one deployment, on PostgreSQL.

    python bench/staff_queue_councils.py [ROWS_PER_COUNCIL] [--runs N]

ROWS_PER_COUNCIL help requests (100,000 unless given) for each of two councils: the demo's
towns as the first council, and a second council with six towns of its own. Rows are
generated as in bench/staff_queue.py, one INSERT ... SELECT a council. Uses DATABASE_URL
when it points at PostgreSQL, else a local database of its own; the test database is made
and dropped around the run. Prints the median and 95th percentile of RUNS requests for
each view of the queue, for a locality manager and a service manager of the first council.
"""

import argparse
import os
import time

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fv_bench_councils")

from _django import demo_database, timed_get
from staff_queue import FIRST_NAMES, GENERATED, LAST_NAMES, deep_page

ROWS = 100_000
RUNS = 60
SECOND_TOWNS = ["Dudley", "Stourbridge", "Halesowen", "Brierley Hill", "Sedgley", "Kingswinford"]


def build(council, rows: int, offset: int) -> None:
    """`rows` requests of `council`'s towns, numbered from `offset` so references differ."""
    from django.db import connection
    from django.utils import timezone

    from early_help.models import HelpRequest, Locality

    localities = list(Locality.objects.filter(council=council).values_list("pk", flat=True))
    generated = {
        **GENERATED,
        "council_id": "%(council)s",
        # Unique across councils: the same row number in another council is another row.
        "reference": "'FV-' || %(prefix)s || lpad(i::text, 6, '0')",
        "idempotency_key": (
            "('00000000-0000-4000-8000-' || lpad((i + %(offset)s)::text, 12, '0'))::uuid"
        ),
    }
    params = {
        "localities": localities,
        "locality_count": len(localities),
        "first_names": FIRST_NAMES,
        "first_count": len(FIRST_NAMES),
        "last_names": LAST_NAMES,
        "last_count": len(LAST_NAMES),
        "now": timezone.now(),
        "rows": rows - 1,
        "council": council.pk,
        "offset": offset,
        "prefix": "BCDFGH"[council.pk % 6] + "X",
    }
    columns, values = [], []
    for field in HelpRequest._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.column in generated:
            values.append(generated[field.column])
        else:
            key = f"default_{field.column}"
            params[key] = field.get_db_prep_save(field.get_default(), connection)
            values.append(f"%({key})s")
    sql = (
        f"INSERT INTO {HelpRequest._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM generate_series(0, %(rows)s) AS i"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=ROWS)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument(
        "--without-council-index",
        action="store_true",
        help="Drop queue_council_idx first, to see what it buys a service manager.",
    )
    arguments = parser.parse_args()

    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.utils.text import slugify

    from early_help.models import Council, HelpRequest, Locality
    from early_help.staff_access.roles import StaffRole
    from tests.factories import login_with_mfa, staff_member

    with demo_database():
        assert connection.vendor == "postgresql", "this benchmark is for PostgreSQL"
        first = Council.objects.order_by("pk").first() or Council.objects.create(
            name="First Council", short_name="First", slug="first"
        )
        Locality.objects.filter(council__isnull=True).update(council=first)
        second = Council.objects.exclude(pk=first.pk).first() or Council.objects.create(
            name="Second Council", short_name="Second", slug="second"
        )
        for order, name in enumerate(SECOND_TOWNS):
            Locality.objects.get_or_create(
                slug=f"second-{slugify(name)}",
                defaults={"name": f"{name} (bench)", "council": second, "sort_order": order},
            )
        started = time.perf_counter()
        build(first, arguments.rows, 0)
        build(second, arguments.rows, arguments.rows)
        with connection.cursor() as cursor:
            if arguments.without_council_index:
                cursor.execute("DROP INDEX queue_council_idx")
            cursor.execute(f"VACUUM ANALYZE {HelpRequest._meta.db_table}")
        built = time.perf_counter() - started
        town = Locality.objects.filter(council=first).order_by("pk").first()
        manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=town)
        service_manager = staff_member(StaffRole.SERVICE_MANAGER, council=first)
        per_council = dict(
            Council.objects.annotate(n=Count("help_requests")).values_list("name", "n")
        )
        print(
            f"{HelpRequest.objects.count():,} help requests on {connection.vendor}: {per_council}"
        )
        print(f"(built in {built:.0f} s; {arguments.runs} requests a view)")
        print(f"{'view':<52} {'median ms':>10} {'p95 ms':>8}")
        for who, user in (("locality manager", manager), ("service manager", service_manager)):
            client = Client()
            login_with_mfa(client, user)
            views = [
                ("queue, 25 rows", "/admin/help-requests/", {}),
                ("queue, 100 rows", "/admin/help-requests/", {"per_page": 100}),
                ("urgent filter", "/admin/help-requests/", {"urgent": "on"}),
                ("overdue filter", "/admin/help-requests/", {"overdue": "on"}),
                ("page 40", deep_page(client, {}, 40), {}),
                ("search by phone", "/admin/help-requests/", {"q": "07700 900123"}),
                ("search by name", "/admin/help-requests/", {"q": LAST_NAMES[17]}),
            ]
            for label, url, params in views:
                median, p95 = timed_get(client, url, params, arguments.runs)
                print(f"{who + ': ' + label:<52} {median:>10.1f} {p95:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
