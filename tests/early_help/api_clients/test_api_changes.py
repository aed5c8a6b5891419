"""The change feed: every request new or changed since a cursor, in a stable order, with
nothing missed or repeated when requests change while a case system pages through."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from early_help.api_clients import selectors as api_selectors
from early_help.models import AuditRecord
from early_help.staff_access.models import AuditSubject
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from tests.factories import staff_member

from .conftest import bearer, request_in

pytestmark = pytest.mark.django_db


def _page(client, token, cursor="", limit=7):
    response = client.get(
        "/api/v1/help-requests", {"cursor": cursor, "limit": limit}, **bearer(token)
    )
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.usefixtures("no_settle")
def test_paging_while_requests_change_misses_nothing_and_repeats_only_what_changed(
    client, tipton, tipton_client
):
    token = tipton_client[1]
    requests = [request_in(tipton) for _ in range(30)]
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    seen: list[int] = []
    changed: set[int] = set()
    cursor, pages = "", 0
    while True:
        page = _page(client, token, cursor)
        seen += [item["id"] for item in page["items"]]
        cursor, pages = page["next_cursor"], pages + 1
        if not page["has_more"]:
            break
        # Between pages, staff change one request already listed and one not yet listed.
        listed = seen[-1]
        waiting = next(r.pk for r in requests if r.pk not in seen)
        for pk in (listed, waiting):
            queue_services.help_request_add_note(
                help_request=requests[[r.pk for r in requests].index(pk)],
                user=worker,
                text="Rang the school",
            )
            changed.add(pk)

    every = {r.pk for r in requests}
    assert set(seen) == every
    unchanged = every - changed
    assert all(seen.count(pk) == 1 for pk in unchanged)
    # A request changed after it was listed comes round again, once, in its new state.
    assert all(seen.count(pk) <= 2 for pk in changed)
    assert pages > 4
    # Caught up: nothing more until something changes, then exactly that.
    assert _page(client, token, cursor)["items"] == []
    queue_services.help_request_add_note(help_request=requests[0], user=worker, text="Visited")
    assert [item["id"] for item in _page(client, token, cursor)["items"]] == [requests[0].pk]


@pytest.mark.usefixtures("no_settle")
def test_requests_with_the_same_change_time_are_split_across_pages_by_id(
    client, tipton, tipton_client
):
    token = tipton_client[1]
    requests = [request_in(tipton) for _ in range(5)]
    same = timezone.now() - timedelta(minutes=1)
    from early_help.models import HelpRequest

    HelpRequest.objects.update(updated_at=same)
    seen = []
    cursor = ""
    for _ in range(5):
        page = _page(client, token, cursor, limit=2)
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == sorted(r.pk for r in requests)


@pytest.mark.usefixtures("no_settle")
def test_viewing_a_request_is_not_a_change(client, tipton_client, tipton_request):
    token = tipton_client[1]
    cursor = _page(client, token)["next_cursor"]
    client.get(f"/api/v1/help-requests/{tipton_request.pk}", **bearer(token))
    assert _page(client, token, cursor)["items"] == []


def test_a_change_is_listed_once_it_has_settled(client, tipton, tipton_client):
    token = tipton_client[1]
    help_request = request_in(tipton)
    assert _page(client, token)["items"] == []
    with time_machine.travel(timezone.now() + api_selectors.SETTLE + timedelta(seconds=1)):
        assert [item["id"] for item in _page(client, token)["items"]] == [help_request.pk]


@pytest.mark.usefixtures("no_settle")
def test_a_cursor_we_did_not_give_is_refused(client, tipton_client):
    response = client.get(
        "/api/v1/help-requests", {"cursor": "made-up"}, **bearer(tipton_client[1])
    )
    assert response.status_code == 400


@pytest.mark.usefixtures("no_settle")
@pytest.mark.parametrize("limit", [0, 1001])
def test_a_page_holds_one_to_a_thousand_requests(client, tipton_client, limit):
    response = client.get("/api/v1/help-requests", {"limit": limit}, **bearer(tipton_client[1]))
    assert response.status_code == 422


@pytest.mark.usefixtures("no_settle")
def test_a_later_page_is_audited_as_such(client, tipton, tipton_client):
    token = tipton_client[1]
    requests = [request_in(tipton) for _ in range(3)]
    first = _page(client, token, limit=2)
    _page(client, token, first["next_cursor"], limit=2)
    pages = list(AuditRecord.objects.filter(subject=AuditSubject.QUEUE).order_by("at", "pk"))
    assert [p.details["later_page"] for p in pages] == [False, True]
    assert pages[1].details["references"] == [requests[2].reference]
