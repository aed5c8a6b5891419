"""A few months of invented history for the demo, so the managers' reports have something
to show on the first `make run`: requests that were claimed, contacted and closed, at the
pace a busy team keeps, with timelines like the staff services write.

The requests are submitted through the real journey service; the later steps are written
as the timeline lines those services write, dated in the past, and time at each stage is
then worked out from the timelines by the same code as always.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .asking_for_help.services import draft_start, help_request_submit
from .blockages.models import Blockage, BlockageReason
from .demo import _ensure_allowed, demo_answers
from .help_requests.models import (
    EventKind,
    HelpRequest,
    HelpRequestStatus,
    Outcome,
    ReReferral,
    ReReferralReason,
)
from .localities.models import Locality
from .waiting_times.services import status_spells_refresh

FIRST_NAMES = ["Amy", "Bashir", "Carla", "Deepa", "Emre", "Fiona", "Gavin", "Hafsa", "Ivy"]
LAST_NAMES = ["Archer", "Bhatti", "Collins", "Dhillon", "Ellis", "Foster", "Gill", "Hart"]
NEEDS = [["money_work"], ["education"], ["health"], ["family_relationships"], ["housing"]]
# What each town's requests most often wait for in the story the demo tells, so that a
# manager can read, for example, "Tipton waits on health visitor decisions".
TOWN_WAITS = {
    "tipton": "Waiting for a health visitor decision",
    "smethwick": "Waiting for an interpreter",
    "west-bromwich": "Waiting for school",
}


def _worker_of(locality: Locality):
    return (
        get_user_model()
        .objects.filter(locality_memberships__locality=locality, groups__name="Locality worker")
        .first()
    )


@transaction.atomic
def demo_history_seed(*, per_town: int = 8, days: int = 120) -> int:
    """Invented requests of the past `days` days in every town, once. Returns how many."""
    _ensure_allowed()
    now = timezone.now()
    if HelpRequest.objects.filter(submitted_at__lt=now - datetime.timedelta(days=2)).exists():
        return 0
    made = 0
    for town_number, locality in enumerate(Locality.objects.order_by("sort_order")):
        rng = random.Random(locality.slug)  # the same history on every machine
        sector = locality.postcode_sectors.order_by("sector").first()
        worker = _worker_of(locality)
        for number in range(per_town):
            draft = draft_start()
            draft.answers = demo_answers(
                first=rng.choice(FIRST_NAMES),
                last=rng.choice(LAST_NAMES),
                # 07700 900300 onwards: room for a region's towns in the drama range.
                phone=f"+447700900{300 + town_number * per_town + number:03d}",
                postcode=f"{sector.sector}AB",
                needs=rng.choice(NEEDS),
                description="Invented history for the demo.",
            )
            draft.save()
            help_request = help_request_submit(draft=draft)
            wait = BlockageReason.objects.filter(name=TOWN_WAITS.get(locality.slug, "")).first()
            started = now - datetime.timedelta(days=rng.randint(3, days))
            _live_through(help_request, worker, rng, started, now, wait=wait)
            made += 1
        made += _came_back(locality, worker, rng, now)
    return made


def _came_back(locality: Locality, worker, rng: random.Random, now) -> int:
    """One family of the town asks again a fortnight after their request was closed; the
    worker says why."""
    earlier = (
        HelpRequest.objects.filter(locality=locality, status=HelpRequestStatus.CLOSED)
        .order_by("closed_at")
        .first()
    )
    if earlier is None or earlier.closed_at + datetime.timedelta(days=14) >= now:
        return 0
    draft = draft_start()
    draft.answers = demo_answers(
        first=earlier.first_name,
        last=earlier.last_name,
        phone=earlier.phone.as_e164,
        postcode=earlier.postcode,
        needs=NEEDS[0],
        description="Invented history for the demo: asking again.",
    )
    draft.save()
    again = help_request_submit(draft=draft)
    _live_through(again, worker, rng, earlier.closed_at + datetime.timedelta(days=14), now)
    reason = rng.choice([ReReferralReason.SAME_NEED_NOT_MET, ReReferralReason.NEW_NEED])
    ReReferral.objects.filter(help_request=again).update(
        reason=reason, tagged_by=worker, tagged_at=again.submitted_at
    )
    return 1


def _live_through(
    help_request: HelpRequest, worker, rng: random.Random, start, now, wait=None
) -> None:
    """Date the request at `start` and give it the steps a team would have taken since,
    waiting for `wait` (a waiting reason) for a while after first contact."""
    help_request.events.update(created_at=start)
    help_request.submitted_at = start
    help_request.respond_by = (start + datetime.timedelta(days=3)).date()
    at = start
    steps = [
        ("claim", rng.uniform(2, 70)),
        ("contact", rng.uniform(4, 120)),
        ("close", rng.uniform(72, 900)),
    ]
    for step, hours in steps:
        at = at + datetime.timedelta(hours=hours)
        if at >= now:
            break
        if step == "claim":
            help_request.status = HelpRequestStatus.ALLOCATED
            help_request.assigned_to = worker
            _line(help_request, worker, EventKind.ASSIGNED, "Claimed", at)
        elif step == "contact":
            help_request.status = HelpRequestStatus.IN_CONTACT
            help_request.first_contact_at = at
            _line(
                help_request,
                worker,
                EventKind.CONTACT_ATTEMPT,
                "Spoke to the family",
                at,
                made_contact=True,
                note="",
            )
            if wait is not None:
                at = _waited(help_request, worker, wait, at, rng.uniform(20, 200), now)
        else:
            outcome = rng.choice([Outcome.NEEDS_MET, Outcome.STEPPED_DOWN, Outcome.ADVICE_GIVEN])
            help_request.status = HelpRequestStatus.CLOSED
            help_request.closed_at, help_request.outcome = at, outcome
            _line(
                help_request,
                worker,
                EventKind.STATUS_CHANGED,
                "Status: Closed",
                at,
                status=HelpRequestStatus.CLOSED,
                previous=HelpRequestStatus.IN_CONTACT,
                outcome=outcome,
            )
    help_request.save()
    status_spells_refresh(help_request=help_request)


def _waited(help_request, worker, reason, start, hours, now):
    """A wait from `start` for `hours` (still going on if that is after now)."""
    end = start + datetime.timedelta(hours=hours)
    cleared = end if end < now else None
    blockage = Blockage.objects.create(
        help_request=help_request,
        reason=reason,
        started_at=start,
        started_by=worker,
        cleared_at=cleared,
        cleared_by=worker if cleared else None,
    )
    data = {
        "blockage": blockage.pk,
        "reason": reason.pk,
        "other_agency": reason.waits_on_other_agency,
    }
    _line(help_request, worker, EventKind.WAITING_STARTED, f"Waiting: {reason.name}", start, **data)
    if cleared is None:
        return now
    _line(help_request, worker, EventKind.WAITING_CLEARED, "Waiting over", cleared, **data)
    return cleared


def _line(help_request, actor, kind, summary, at, **data) -> None:
    help_request.events.create(kind=kind, actor=actor, summary=summary, data=data, created_at=at)
