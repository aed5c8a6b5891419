"""Time at each stage is worked out from the timeline the staff services write."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.models import EventKind, HelpRequestStatus, Outcome, Stage, StatusSpell
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from early_help.waiting_times import selectors
from early_help.waiting_times.rules import TimelineLine, spells_from_timeline
from early_help.waiting_times.services import status_spells_rebuild
from tests.factories import DraftFactory, complete_answers, staff_member

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def _at(hours: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=hours)


def _spells(*lines):
    return [
        (s.stage, s.started_at, s.ended_at)
        for s in spells_from_timeline([TimelineLine(k, _at(h), d) for k, h, d in lines])
    ]


def test_each_move_of_the_status_ends_one_spell_and_starts_the_next():
    assert _spells(
        (EventKind.SUBMITTED, 0, {}),
        (EventKind.ROUTED, 0, {"locality": "tipton"}),
        (EventKind.ASSIGNED, 5, {}),
        (EventKind.CONTACT_ATTEMPT, 7, {"made_contact": False}),
        (EventKind.CONTACT_ATTEMPT, 30, {"made_contact": True}),
        (EventKind.STATUS_CHANGED, 100, {"status": "closed", "outcome": "support_completed"}),
    ) == [
        (Stage.SUBMITTED, _at(0), _at(5)),
        (Stage.ALLOCATED, _at(5), _at(30)),
        (Stage.IN_CONTACT, _at(30), _at(100)),
    ]


def test_a_request_routed_to_mash_on_arrival_was_never_waiting_as_submitted():
    assert _spells(
        (EventKind.SUBMITTED, 0, {}),
        (EventKind.ROUTED, 0, {"reasons": ["not_safe_now"]}),
        (EventKind.PASSED_BACK, 3, {}),
        (EventKind.ASSIGNED, 4, {}),
    ) == [
        (Stage.WITH_MASH, _at(0), _at(3)),
        (Stage.TRIAGED, _at(3), _at(4)),
        (Stage.ALLOCATED, _at(4), None),
    ]


def test_waiting_for_another_agency_runs_alongside_the_status_until_cleared():
    assert _spells(
        (EventKind.SUBMITTED, 0, {}),
        (EventKind.ASSIGNED, 1, {}),
        ("waiting_started", 2, {"blockage": 7, "reason": 2, "other_agency": True}),
        ("waiting_cleared", 26, {"blockage": 7, "reason": 2, "other_agency": True}),
        ("waiting_started", 30, {"blockage": 8, "reason": 1, "other_agency": False}),
    ) == [
        (Stage.SUBMITTED, _at(0), _at(1)),
        (Stage.WAITING_FOR_AGENCY, _at(2), _at(26)),
        (Stage.ALLOCATED, _at(1), None),
    ]


def test_closing_ends_any_waiting_and_reopening_starts_the_clock_again():
    assert _spells(
        (EventKind.SUBMITTED, 0, {}),
        ("waiting_started", 2, {"blockage": 7, "reason": 2, "other_agency": True}),
        (EventKind.STATUS_CHANGED, 10, {"status": "withdrawn"}),
        (EventKind.STATUS_CHANGED, 50, {"status": "in_contact"}),
    ) == [
        (Stage.SUBMITTED, _at(0), _at(10)),
        (Stage.WAITING_FOR_AGENCY, _at(2), _at(10)),
        (Stage.IN_CONTACT, _at(50), None),
    ]


def test_notes_texts_and_views_do_not_move_a_request_on():
    assert _spells(
        (EventKind.SUBMITTED, 0, {}),
        (EventKind.NOTE, 1, {}),
        (EventKind.SMS_OUT, 2, {}),
        (EventKind.VIEWED, 3, {}),
        (EventKind.LEAD_CHANGED, 4, {}),
    ) == [(Stage.SUBMITTED, _at(0), None)]


@pytest.fixture
def worker(locality):
    return staff_member(StaffRole.LOCALITY_WORKER, locality=locality)


@pytest.mark.django_db
def test_the_staff_actions_keep_the_spells_in_step_with_the_timeline(locality, worker):
    with time_machine.travel(START, tick=False) as clock:
        help_request = journey_services.help_request_submit(draft=DraftFactory())
        clock.shift(datetime.timedelta(hours=6))
        queue_services.help_request_claim(help_request=help_request, user=worker)
        clock.shift(datetime.timedelta(hours=20))
        queue_services.help_request_record_contact(
            help_request=help_request, user=worker, made_contact=True
        )
        clock.shift(datetime.timedelta(hours=48))
        queue_services.help_request_change_status(
            help_request=help_request,
            user=worker,
            status=HelpRequestStatus.CLOSED,
            outcome=Outcome.values[0],
        )
    spells = list(
        StatusSpell.objects.filter(help_request=help_request)
        .order_by("started_at")
        .values_list("stage", "hours", "locality_id")
    )
    assert spells == [
        (Stage.SUBMITTED, 6.0, locality.pk),
        (Stage.ALLOCATED, 20.0, locality.pk),
        (Stage.IN_CONTACT, 48.0, locality.pk),
    ]


@pytest.mark.django_db
def test_rebuilding_from_the_timelines_gives_the_same_spells(locality, worker):
    with time_machine.travel(START, tick=False) as clock:
        first = journey_services.help_request_submit(draft=DraftFactory())
        urgent = journey_services.help_request_submit(
            draft=DraftFactory(
                answers=complete_answers(
                    **{"whats-happening": {"needs": ["domestic_abuse"], "safe_now": "no"}}
                )
            )
        )
        clock.shift(datetime.timedelta(hours=3))
        queue_services.help_request_claim(help_request=first, user=worker)
    before = sorted(StatusSpell.objects.values_list("help_request", "stage", "started_at", "hours"))
    StatusSpell.objects.all().delete()
    assert status_spells_rebuild() == 2
    after = sorted(StatusSpell.objects.values_list("help_request", "stage", "started_at", "hours"))
    assert after == before
    assert (urgent.pk, Stage.WITH_MASH) in {(r, s) for r, s, *_ in after}


@pytest.mark.django_db
def test_median_and_90th_percentile_per_town_for_the_month_the_stage_ended(locality, worker):
    with time_machine.travel(START, tick=False) as clock:
        requests = [journey_services.help_request_submit(draft=DraftFactory()) for _ in range(10)]
        for hours, help_request in enumerate(requests, start=1):
            clock.move_to(START + datetime.timedelta(hours=hours))
            queue_services.help_request_claim(help_request=help_request, user=worker)
    scope = type(requests[0]).objects.all()
    figures = selectors.time_in_status(
        requests=scope, localities=[locality], month=datetime.date(2026, 3, 1)
    )
    submitted = figures["by_town"][(locality.pk, Stage.SUBMITTED)]
    assert submitted == {"n": 10, "median": 5.5, "p90": pytest.approx(9.1)}
    assert figures["all"][Stage.SUBMITTED] == submitted
    assert selectors.time_in_status(
        requests=scope, localities=[locality], month=datetime.date(2026, 2, 1)
    ) == {
        "by_town": {},
        "all": {},
    }


@pytest.mark.django_db
def test_the_longest_waiting_requests_come_first_and_those_in_contact_are_not_waiting(
    locality, worker
):
    with time_machine.travel(START, tick=False) as clock:
        oldest = journey_services.help_request_submit(draft=DraftFactory())
        clock.shift(datetime.timedelta(hours=1))
        in_contact = journey_services.help_request_submit(draft=DraftFactory())
        queue_services.help_request_record_contact(
            help_request=in_contact, user=worker, made_contact=True
        )
        clock.shift(datetime.timedelta(hours=1))
        newest = journey_services.help_request_submit(draft=DraftFactory())
        queue_services.help_request_claim(help_request=newest, user=worker)
    scope = type(oldest).objects.all()
    waiting = selectors.longest_waiting(requests=scope, localities=[locality])
    assert [(s.help_request, s.stage) for s in waiting] == [
        (oldest, Stage.SUBMITTED),
        (newest, Stage.ALLOCATED),
    ]
    assert timezone.now() > waiting[0].started_at
