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
from .demo import _ensure_allowed, demo_answers
from .help_requests.models import EventKind, HelpRequest, HelpRequestStatus, Outcome
from .localities.models import Locality
from .waiting_times.services import status_spells_refresh

FIRST_NAMES = ["Amy", "Bashir", "Carla", "Deepa", "Emre", "Fiona", "Gavin", "Hafsa", "Ivy"]
LAST_NAMES = ["Archer", "Bhatti", "Collins", "Dhillon", "Ellis", "Foster", "Gill", "Hart"]
NEEDS = [["money_work"], ["education"], ["health"], ["family_relationships"], ["housing"]]


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
            _live_through(
                help_request, worker, rng, now - datetime.timedelta(days=rng.randint(3, days)), now
            )
            made += 1
    return made


def _live_through(help_request: HelpRequest, worker, rng: random.Random, start, now) -> None:
    """Date the request at `start` and give it the steps a team would have taken since."""
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


def _line(help_request, actor, kind, summary, at, **data) -> None:
    help_request.events.create(kind=kind, actor=actor, summary=summary, data=data, created_at=at)
