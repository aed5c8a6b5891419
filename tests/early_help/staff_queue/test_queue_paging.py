"""The queue at a region's scale: pages by position in the queue, bounded counts, search.

A region keeps about a million requests; these tests hold the behaviour that keeps every
page of the queue costing the same however many there are.
"""

import datetime
import importlib
import re
from html import unescape

import pytest
from django.apps import apps
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.models import HelpRequest
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import selectors as queue_selectors
from tests.factories import (
    DraftFactory,
    LocalityFactory,
    complete_answers,
    login_with_mfa,
    staff_member,
)

pytestmark = pytest.mark.django_db

QUEUE = "/admin/help-requests/"
REFERENCE = re.compile(r"<strong>(FV-[A-Z0-9]+)</strong>")
LINK = re.compile(r'<a [^>]*rel="(next|prev)" href="([^"]*)"')


def _requests(locality, count: int, *, start: int = 0, urgent_every: int = 0, minutes_ago=0):
    now = timezone.now()
    HelpRequest.objects.bulk_create(
        [
            HelpRequest(
                reference=f"FV-P{i:05d}",
                idempotency_key=f"00000000-0000-4000-9000-{i:012d}",
                requester_type="parent_carer",
                locality=locality,
                council=locality.council,
                first_name="Test",
                last_name=f"Family {i}",
                phone="+447700900999",
                postcode="B69 4AB",
                submitted_at=now - datetime.timedelta(minutes=minutes_ago + 10 * (i - start)),
                safeguarding_flag=bool(urgent_every) and i % urgent_every == 0,
            )
            for i in range(start, start + count)
        ]
    )


def _page(client, url: str, params=None) -> tuple[list[str], dict[str, str], str]:
    response = client.get(url, params or {})
    assert response.status_code == 200
    html = response.content.decode()
    links = {rel: QUEUE + unescape(href) for rel, href in LINK.findall(html)}
    return REFERENCE.findall(html), links, html


@pytest.fixture
def manager_client(locality):
    client = Client()
    login_with_mfa(client, staff_member(StaffRole.LOCALITY_MANAGER, locality=locality))
    return client


def test_next_and_previous_walk_the_whole_queue_in_order_without_javascript(
    locality, manager_client
):
    _requests(locality, 60, urgent_every=7)
    in_order = list(
        queue_selectors.help_request_queue(
            user=staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
        ).values_list("reference", flat=True)
    )

    first, links, _html = _page(manager_client, QUEUE)
    assert first == in_order[:25]
    assert set(links) == {"next"}
    second, links, _html = _page(manager_client, links["next"])
    assert second == in_order[25:50]
    assert set(links) == {"next", "prev"}
    third, links, _html = _page(manager_client, links["next"])
    assert third == in_order[50:]
    assert set(links) == {"prev"}
    back, links, _html = _page(manager_client, links["prev"])
    assert back == second
    back, links, _html = _page(manager_client, links["prev"])
    assert back == first
    assert set(links) == {"next"}


def test_the_next_page_carries_on_from_the_last_row_seen_when_requests_arrive(
    locality, manager_client
):
    _requests(locality, 40)
    first, links, _html = _page(manager_client, QUEUE)
    # New urgent requests go to the top of the queue while the worker reads page one.
    answers = complete_answers(**{"whats-happening": {"needs": ["safety"], "description": ""}})
    for _ in range(3):
        urgent = journey_services.help_request_submit(draft=DraftFactory(answers=answers))
        HelpRequest.objects.filter(pk=urgent.pk).update(in_mash_queue=False)

    second, _links, _html = _page(manager_client, links["next"])
    assert not set(first) & set(second)
    assert second == [f"FV-P{i:05d}" for i in range(14, -1, -1)]


def test_filters_and_page_size_stay_on_the_next_page(locality, manager_client):
    _requests(locality, 130)
    rows, links, _html = _page(manager_client, QUEUE, {"per_page": 100, "assigned": "nobody"})
    assert len(rows) == 100
    assert "per_page=100" in links["next"]
    assert "assigned=nobody" in links["next"]
    rows, links, _html = _page(manager_client, links["next"])
    assert len(rows) == 30


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "WzEsIjIwMjQtMDEtMDFUMDA6MDA6MDArMDA6MDAiLDFd",  # the key, unsigned
        signing.dumps(["x", "yesterday", "1"], salt=queue_selectors.CURSOR_SALT),
        signing.dumps([1, "2024-01-01T00:00:00", 1], salt=queue_selectors.CURSOR_SALT),
        signing.dumps([1, 2, 3, 4], salt=queue_selectors.CURSOR_SALT),
        "x" * 5000,
    ],
)
@pytest.mark.parametrize("direction", ["after", "before"])
def test_a_cursor_that_is_not_ours_gives_the_first_page(
    locality, manager_client, cursor, direction
):
    _requests(locality, 30)
    first, _links, _html = _page(manager_client, QUEUE)
    rows, links, _html = _page(manager_client, QUEUE, {direction: cursor})
    assert rows == first
    assert set(links) == {"next"}


def test_a_cursor_never_reaches_outside_the_workers_scope(locality, manager_client):
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    _requests(tipton, 30, start=100, minutes_ago=5)
    _requests(locality, 30)
    admin = Client()
    login_with_mfa(admin, staff_member(StaffRole.ADMINISTRATOR, is_superuser=True))
    _rows, links, _html = _page(admin, QUEUE)

    rows, _links, _html = _page(manager_client, links["next"])
    assert rows
    assert all(int(reference[4:]) < 100 for reference in rows)


@pytest.mark.parametrize(
    "typed", ["07700 900123", "+44 7700 900123", "447700900123", "07700900123", "+447700900123"]
)
def test_search_finds_a_phone_number_however_it_is_typed(locality, manager_client, typed):
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    _requests(locality, 5)
    assert str(help_request.phone) == "+447700900123"
    rows, _links, _html = _page(manager_client, QUEUE, {"q": typed})
    assert rows == [help_request.reference]


def test_a_number_stored_as_typed_is_found_after_the_migration(locality):
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    # As an import or an old form would have left it: invalid numbers are kept as typed.
    HelpRequest.objects.filter(pk=help_request.pk).update(phone="07700 900124")
    assert HelpRequest.objects.filter(phone="07700 900124").exists()
    migration = importlib.import_module("early_help.migrations.0016_queue_at_region_scale")
    migration.phones_to_e164(apps, None)
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    found = queue_selectors.help_request_queue(user=worker, filters={"q": "+44 7700 900124"})
    assert list(found) == [help_request]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("bloggs", True),
        ("LOGG", True),  # any part of a name of three letters or more
        ("Jo Bloggs", True),  # every word in the first or last name
        ("Bl", True),  # a short word: the start of a name
        ("og", False),  # ... not its middle
        ("Jo Smith", False),
        ("Smith", False),
    ],
)
def test_search_finds_a_name_by_every_word_typed(locality, typed, found):
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    HelpRequest.objects.filter(pk=help_request.pk).update(first_name="Jo", last_name="Bloggs")
    journey_services.help_request_submit(draft=DraftFactory())  # someone else
    HelpRequest.objects.exclude(pk=help_request.pk).update(first_name="Sam", last_name="Jones")
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    result = list(queue_selectors.help_request_queue(user=worker, filters={"q": typed}))
    assert result == ([help_request] if found else [])


@pytest.mark.parametrize("typed", ["fv-b0042", "FV B0042", "b0042", " FV-B0042 "])
def test_search_finds_a_reference_however_it_is_typed(locality, manager_client, typed):
    _requests(locality, 3)
    HelpRequest.objects.filter(reference="FV-P00001").update(reference="FV-B0042")
    rows, _links, _html = _page(manager_client, QUEUE, {"q": typed})
    assert rows == ["FV-B0042"]


def test_a_large_queue_says_more_than_the_limit_without_counting_it_all(
    locality, manager_client, monkeypatch
):
    monkeypatch.setattr(queue_selectors, "QUEUE_COUNT_LIMIT", 30)
    _requests(locality, 45)
    with CaptureQueriesContext(connection) as queries:
        _rows, _links, html = _page(manager_client, QUEUE)
    assert "More than 30 requests" in html
    assert "Help requests (more than 30 open" in html  # the menu's counts too
    counts = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT COUNT(")
    ]
    assert len(counts) == 4  # the page's, and the menu's open, urgent and overdue
    for sql in counts:
        # Every count reads at most one row past the limit.
        assert re.search(r"LIMIT 31\b", sql), sql


def test_a_small_queue_says_exactly_how_many(locality, manager_client, monkeypatch):
    monkeypatch.setattr(queue_selectors, "QUEUE_COUNT_LIMIT", 30)
    _requests(locality, 30)
    _rows, _links, html = _page(manager_client, QUEUE)
    assert "<p>30 requests</p>" in html
    assert "More than 30 requests" not in html


def test_the_town_and_urgent_filters_keep_their_meaning(locality):
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    _requests(locality, 6, urgent_every=3)
    _requests(tipton, 6, start=100, urgent_every=3)
    admin = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)

    def shown(**filters):
        rows = queue_selectors.help_request_queue(user=admin, filters=filters)
        return {row.reference for row in rows}

    assert shown(locality="tipton") == {f"FV-P{i:05d}" for i in range(100, 106)}
    assert shown(urgent=True) == {"FV-P00000", "FV-P00003", "FV-P00102", "FV-P00105"}
    assert shown(locality="tipton", urgent=True) == {"FV-P00102", "FV-P00105"}
    assert shown(locality="nowhere") == set()


def test_the_texts_page_finds_a_senders_requests_without_their_number_in_the_address(
    client, locality
):
    from early_help.asking_for_help import services as journey_services
    from early_help.models import OutboxMessage, SmsDirection, SmsStatus
    from early_help.staff_access.roles import StaffRole
    from tests.factories import DraftFactory, login_with_mfa, staff_member

    help_request = journey_services.help_request_submit(draft=DraftFactory())
    reply = OutboxMessage.objects.create(
        direction=SmsDirection.INBOUND,
        phone="+447700900123",
        body="Who is this?",
        status=SmsStatus.RECEIVED,
        twilio_sid="SMreply1",
    )
    admin = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
    login_with_mfa(client, admin)
    texts = client.get("/admin/help-requests/texts/").content.decode()
    assert f"from_text={reply.pk}" in texts
    assert "7700900123" not in texts.split("href=")[1].split(">")[0]
    found = client.get("/admin/help-requests/", {"from_text": reply.pk}).content.decode()
    assert help_request.reference in found
