"""Server time of the staff queue page at a region's scale, on PostgreSQL.

    python bench/staff_queue.py [ROWS] [--runs N]

ROWS help requests (100,000 unless given; a region keeps about 1,000,000 over its
retention period) are written in one INSERT ... SELECT over generate_series, so a million
takes a minute or two. Uses DATABASE_URL when it points at PostgreSQL, else the local
server at 127.0.0.1:5432; the test database is made and dropped around the run.
Prints the median and 95th percentile of RUNS requests for each view of the queue.
"""

import argparse
import os
import re
import time
from html import unescape

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/family_voice_bench")

from _django import demo_database, timed_get

ROWS = 100_000
RUNS = 60

FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Farah",
    "Gus",
    "Hana",
    "Isaac",
    "Jo",
    "Kai",
    "Lena",
    "Mo",
    "Nia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tia",
    "Usman",
    "Vera",
    "Wes",
    "Xena",
    "Yusuf",
    "Zoe",
    "Aisha",
    "Bilal",
    "Cara",
    "Dan",
    "Erin",
    "Femi",
    "Grace",
    "Harj",
    "Imran",
    "Jade",
    "Kofi",
    "Lily",
    "Mia",
    "Noah",
]
# Two hundred surnames: a surname search then matches about one request in two hundred,
# which is more than a common real surname does.
LAST_NAMES = [
    f"{stem}{ending}"
    for stem in [
        "Ahmed",
        "Baker",
        "Clarke",
        "Davies",
        "Evans",
        "Fisher",
        "Green",
        "Hughes",
        "Iqbal",
        "Jones",
    ]
    for ending in [
        "son",
        "ley",
        "ton",
        "ford",
        "well",
        "man",
        "by",
        "field",
        "wood",
        "hurst",
        "ham",
        "croft",
        "lock",
        "more",
        "ridge",
        "dale",
        "stone",
        "brook",
        "holt",
        "wick",
    ]
]

# What each generated row holds, as SQL over `i` (0 .. ROWS-1); every other column takes
# its model default, so a new column does not break the bench. Town and names come from a
# hash of `i`, so that they do not line up with status, urgency or MASH (all `i` modulo
# something), which would leave a town with no urgent requests or a surname all closed.
GENERATED = {
    "reference": "'FV-B' || lpad(i::text, 7, '0')",
    "idempotency_key": "('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid",
    "requester_type": "'parent_carer'",
    "locality_id": "(%(localities)s::bigint[])[1 + abs(hashint4(i + 1)::bigint) %% %(locality_count)s]",
    "first_name": "(%(first_names)s::text[])[1 + abs(hashint4(i + 2)::bigint) %% %(first_count)s]",
    "last_name": "(%(last_names)s::text[])[1 + abs(hashint4(i + 3)::bigint) %% %(last_count)s]",
    "phone": "'+4477009' || lpad((i %% 100000)::text, 5, '0')",
    "postcode": "'B69 4AB'",
    "help_wanted": "'Help'",
    "submitted_at": "%(now)s - i * interval '1 minute'",
    "updated_at": "%(now)s - i * interval '1 minute'",
    "respond_by": "(%(now)s - i * interval '1 minute')::date + 2",
    "status": "(ARRAY['submitted', 'allocated', 'in_contact', 'closed'])[1 + i %% 4]",
    "safeguarding_flag": "i %% 97 = 0",
    "in_mash_queue": "i %% 194 = 0",
}


def build(rows: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from early_help.models import HelpRequest, Locality

    localities = list(Locality.objects.values_list("pk", flat=True))
    params = {
        "localities": localities,
        "locality_count": len(localities),
        "first_names": FIRST_NAMES,
        "first_count": len(FIRST_NAMES),
        "last_names": LAST_NAMES,
        "last_count": len(LAST_NAMES),
        "now": timezone.now(),
        "rows": rows - 1,
    }
    columns, values = [], []
    for field in HelpRequest._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.column in GENERATED:
            values.append(GENERATED[field.column])
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
        # What autovacuum does to a table that has been in use: statistics, visibility map,
        # and GIN pending lists merged into their indexes.
        cursor.execute(f"VACUUM ANALYZE {HelpRequest._meta.db_table}")


NEXT_LINK = re.compile(r'href="([^"]*)"[^>]*>\s*Next\b')


def deep_page(client, params: dict, pages: int) -> str:
    """The URL of page `pages`, reached the way a person does: following "Next"."""
    url = "/admin/help-requests/"
    response = client.get(url, params)
    for _ in range(pages - 1):
        link = NEXT_LINK.search(response.content.decode())
        assert link, "no Next link"
        url = "/admin/help-requests/" + unescape(link.group(1))
        response = client.get(url)
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=ROWS)
    parser.add_argument("--runs", type=int, default=RUNS)
    arguments = parser.parse_args()

    from django.db import connection
    from django.test import Client

    from early_help.models import HelpRequest, Locality
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
        print(f"{HelpRequest.objects.count():,} help requests on {connection.vendor}")
        print(f"(built in {built:.0f} s; {arguments.runs} requests a view)")
        print(f"{'view':<48} {'median ms':>10} {'p95 ms':>8}")
        for who, user in (("locality manager", manager), ("administrator", admin)):
            client = Client()
            login_with_mfa(client, user)
            views = [
                ("queue, 25 rows", "/admin/help-requests/", {}),
                ("queue, 100 rows", "/admin/help-requests/", {"per_page": 100}),
                ("overdue filter", "/admin/help-requests/", {"overdue": "on"}),
                ("page 40", deep_page(client, {}, 40), {}),
                ("search by phone", "/admin/help-requests/", {"q": "07700 900123"}),
                ("search by name", "/admin/help-requests/", {"q": LAST_NAMES[17]}),
                ("search by reference", "/admin/help-requests/", {"q": "fv-b0123457"}),
            ]
            for label, url, params in views:
                median, p95 = timed_get(client, url, params, arguments.runs)
                print(f"{who + ': ' + label:<48} {median:>10.1f} {p95:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
