"""Staff say what a request is waiting for; managers read the hours lost per reason."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from wagtail.log_actions import registry as log_registry

from early_help.asking_for_help import services as journey_services
from early_help.blockages.selectors import blockage_hours_by_reason, open_blockage
from early_help.blockages.services import blockage_clear, blockage_start
from early_help.models import (
    AuditRecord,
    Blockage,
    BlockageReason,
    EventKind,
    HelpRequest,
    HelpRequestStatus,
)
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from tests.factories import (
    DraftFactory,
    LocalityFactory,
    PostcodeSectorFactory,
    complete_answers,
    login_with_mfa,
    staff_member,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2025, 11, 24, 9, 0, tzinfo=datetime.UTC)


def _reason(name: str) -> BlockageReason:
    return BlockageReason.objects.get(name=name)


@pytest.fixture
def tipton():
    town = LocalityFactory(name="Tipton", slug="tipton")
    PostcodeSectorFactory(locality=town, sector="DY4 7")
    return town


def _submit(town: str = "oldbury") -> HelpRequest:
    return journey_services.help_request_submit(
        draft=DraftFactory(
            answers=complete_answers(_route={"kind": "locality", "locality": town, "council": None})
        )
    )


@pytest.fixture
def help_request(locality):
    return _submit()


@pytest.fixture
def worker(locality):
    return staff_member(StaffRole.LOCALITY_WORKER, locality=locality, first_name="Amrit")


def test_the_list_starts_with_the_reasons_the_service_named():
    assert list(BlockageReason.objects.values_list("name", flat=True)) == [
        "No answer from the family",
        "Waiting for another agency's decision",
        "Waiting for a health visitor decision",
        "Waiting for school",
        "No worker free",
        "Waiting for an interpreter",
        "Family asked to wait",
    ]
    assert set(
        BlockageReason.objects.filter(waits_on_other_agency=True).values_list("name", flat=True)
    ) == {
        "Waiting for another agency's decision",
        "Waiting for a health visitor decision",
        "Waiting for school",
    }


def test_marking_as_waiting_writes_the_event_the_log_and_the_audit(help_request, worker):
    reason = _reason("Waiting for a health visitor decision")
    blockage = blockage_start(help_request=help_request, user=worker, reason=reason)
    assert open_blockage(help_request) == blockage
    assert blockage.started_by == worker
    event = help_request.events.get(kind=EventKind.WAITING_STARTED)
    # The time-in-status figures read exactly this shape.
    assert event.data == {"blockage": blockage.pk, "reason": reason.pk, "other_agency": True}
    assert event.actor == worker
    assert event.summary == "Waiting: Waiting for a health visitor decision"
    assert (
        log_registry.get_logs_for_instance(help_request)
        .filter(action="early_help.waiting_started")
        .exists()
    )
    assert AuditRecord.objects.filter(
        user=worker, help_request=help_request, summary=event.summary
    ).exists()


def test_the_wait_is_over_when_the_worker_says_so(help_request, worker):
    reason = _reason("No answer from the family")
    blockage = blockage_start(help_request=help_request, user=worker, reason=reason)
    cleared = blockage_clear(help_request=help_request, user=worker)
    assert cleared.pk == blockage.pk
    blockage.refresh_from_db()
    assert blockage.cleared_by == worker
    assert blockage.cleared_at is not None
    assert open_blockage(help_request) is None
    event = help_request.events.get(kind=EventKind.WAITING_CLEARED)
    assert event.data == {"blockage": blockage.pk, "reason": reason.pk, "other_agency": False}
    assert (
        log_registry.get_logs_for_instance(help_request)
        .filter(action="early_help.waiting_cleared")
        .exists()
    )
    with pytest.raises(ValidationError):
        blockage_clear(help_request=help_request, user=worker)


def test_a_request_waits_for_one_thing_at_a_time(help_request, worker):
    blockage_start(help_request=help_request, user=worker, reason=_reason("Waiting for school"))
    with pytest.raises(ValidationError):
        blockage_start(help_request=help_request, user=worker, reason=_reason("No worker free"))
    assert Blockage.objects.filter(help_request=help_request).count() == 1


def test_the_database_refuses_a_second_open_wait(help_request, worker):
    Blockage.objects.create(help_request=help_request, reason=_reason("Waiting for school"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Blockage.objects.create(help_request=help_request, reason=_reason("No worker free"))
    # Once the first is over, the request may wait again.
    Blockage.objects.update(cleared_at=datetime.datetime.now(tz=datetime.UTC))
    Blockage.objects.create(help_request=help_request, reason=_reason("No worker free"))
    assert Blockage.objects.open().count() == 1


def test_a_reason_out_of_use_and_a_finished_request_are_refused(help_request, worker):
    old = _reason("Family asked to wait")
    old.active = False
    old.save()
    with pytest.raises(ValidationError):
        blockage_start(help_request=help_request, user=worker, reason=old)
    queue_services.help_request_change_status(
        help_request=help_request, user=worker, status=HelpRequestStatus.WITHDRAWN
    )
    with pytest.raises(ValidationError):
        blockage_start(help_request=help_request, user=worker, reason=_reason("Waiting for school"))
    assert not Blockage.objects.exists()


@pytest.mark.parametrize(
    ("status", "outcome", "because"),
    [("closed", "needs_met", "request closed"), ("withdrawn", "", "request withdrawn")],
)
def test_closing_or_withdrawing_ends_the_wait(help_request, worker, status, outcome, because):
    blockage_start(help_request=help_request, user=worker, reason=_reason("Waiting for school"))
    queue_services.help_request_change_status(
        help_request=help_request, user=worker, status=status, outcome=outcome
    )
    assert open_blockage(help_request) is None
    event = help_request.events.get(kind=EventKind.WAITING_CLEARED)
    assert event.summary == f"Waiting is over: Waiting for school ({because})"


def test_passing_to_mash_ends_the_wait(help_request, worker):
    blockage_start(help_request=help_request, user=worker, reason=_reason("No worker free"))
    queue_services.help_request_pass_to_mash(help_request=help_request, user=worker, reason="Worry")
    assert open_blockage(help_request) is None
    assert Blockage.objects.get().cleared_by == worker


def test_a_status_change_that_does_not_finish_keeps_the_wait(help_request, worker):
    blockage_start(help_request=help_request, user=worker, reason=_reason("No worker free"))
    queue_services.help_request_change_status(
        help_request=help_request, user=worker, status=HelpRequestStatus.TRIAGED
    )
    assert open_blockage(help_request) is not None


def test_a_worker_of_another_town_may_not_mark_or_clear(help_request, tipton):
    outsider = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    with pytest.raises(PermissionDenied):
        blockage_start(help_request=help_request, user=outsider, reason=_reason("No worker free"))
    with pytest.raises(PermissionDenied):
        blockage_clear(help_request=help_request, user=outsider)


def test_a_tipton_worker_cannot_mark_an_oldbury_request(help_request, tipton, worker):
    outsider = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    client = Client()
    login_with_mfa(client, outsider)
    reason = _reason("No worker free")
    response = client.post(
        f"/admin/help-requests/{help_request.pk}/waiting/", {"reason": reason.pk}
    )
    assert response.status_code == 404
    blockage_start(help_request=help_request, user=worker, reason=reason)
    response = client.post(f"/admin/help-requests/{help_request.pk}/waiting-over/")
    assert response.status_code == 404
    assert open_blockage(help_request) is not None


def test_the_request_page_and_the_queue_show_what_it_waits_for(help_request, worker):
    client = Client()
    login_with_mfa(client, worker)
    reason = _reason("Waiting for an interpreter")
    response = client.post(
        f"/admin/help-requests/{help_request.pk}/waiting/", {"reason": reason.pk}
    )
    assert response["Location"] == f"/admin/help-requests/{help_request.pk}/"
    Blockage.objects.update(started_at=MONDAY)
    page = client.get(f"/admin/help-requests/{help_request.pk}/").content.decode()
    assert "Waiting for an interpreter</strong>, since 24 Nov 2025 09:00" in page
    assert "Waiting is over" in page
    queue = client.get("/admin/help-requests/").content.decode()
    assert "Waiting: Waiting for an interpreter" in queue
    client.post(f"/admin/help-requests/{help_request.pk}/waiting-over/")
    assert "Waiting: " not in client.get("/admin/help-requests/").content.decode()


def test_marking_without_a_reason_says_what_to_do(help_request, worker):
    client = Client()
    login_with_mfa(client, worker)
    response = client.post(f"/admin/help-requests/{help_request.pk}/waiting/", {}, follow=True)
    assert "Choose what the request is waiting for." in response.content.decode()
    assert not Blockage.objects.exists()


def test_hours_lost_per_reason_per_town_count_open_waits_to_now(locality, tipton, worker):
    tipton_worker = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    oldbury_request, tipton_first, tipton_second = _submit(), _submit("tipton"), _submit("tipton")
    health_visitor = _reason("Waiting for a health visitor decision")
    school = _reason("Waiting for school")
    with time_machine.travel(MONDAY, tick=False) as clock:
        blockage_start(help_request=tipton_first, user=tipton_worker, reason=health_visitor)
        blockage_start(help_request=oldbury_request, user=worker, reason=school)
        clock.shift(datetime.timedelta(hours=10))
        blockage_clear(help_request=tipton_first, user=tipton_worker)
        blockage_start(help_request=tipton_second, user=tipton_worker, reason=health_visitor)
        clock.shift(datetime.timedelta(hours=5, minutes=30))
        # Still open: the Tipton one has run 5.5 hours, the Oldbury one 15.5.
        rows = blockage_hours_by_reason(
            requests=HelpRequest.objects.all(), since=MONDAY - datetime.timedelta(days=365)
        )
    assert rows == [
        {
            "locality": "Oldbury",
            "reason": "Waiting for school",
            "other_agency": True,
            "hours": 15.5,
            "waits": 1,
            "still_waiting": 1,
        },
        {
            "locality": "Tipton",
            "reason": "Waiting for a health visitor decision",
            "other_agency": True,
            "hours": 15.5,
            "waits": 2,
            "still_waiting": 1,
        },
    ]


def test_hours_lost_count_only_inside_the_window_and_the_scope(locality, tipton, worker):
    tipton_worker = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    oldbury_request, tipton_request = _submit(), _submit("tipton")
    no_worker = _reason("No worker free")
    with time_machine.travel(MONDAY, tick=False) as clock:
        blockage_start(help_request=oldbury_request, user=worker, reason=no_worker)
        blockage_start(help_request=tipton_request, user=tipton_worker, reason=no_worker)
        clock.shift(datetime.timedelta(hours=48))
        blockage_clear(help_request=oldbury_request, user=worker)
        since = MONDAY + datetime.timedelta(hours=40)
        clock.shift(datetime.timedelta(hours=2))
        rows = blockage_hours_by_reason(
            requests=HelpRequest.objects.visible_to(worker), since=since
        )
        later = blockage_hours_by_reason(
            requests=HelpRequest.objects.all(), since=MONDAY + datetime.timedelta(hours=49)
        )
    # Oldbury: 8 of its 48 hours fall after `since`; the Tipton wait is out of the scope.
    assert [(row["locality"], row["hours"]) for row in rows] == [("Oldbury", 8.0)]
    # A wait cleared before the window does not count at all.
    assert [(row["locality"], row["hours"]) for row in later] == [("Tipton", 1.0)]


def test_the_hours_are_one_query_whatever_the_number_of_requests(
    locality, worker, django_assert_num_queries
):
    for _ in range(5):
        blockage_start(help_request=_submit(), user=worker, reason=_reason("No worker free"))
    in_scope = HelpRequest.objects.visible_to(worker)  # reads the worker's towns once
    with django_assert_num_queries(1):
        rows = blockage_hours_by_reason(
            requests=in_scope, since=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
        )
    assert rows[0]["waits"] == 5
