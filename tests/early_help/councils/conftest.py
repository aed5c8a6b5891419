"""Two councils on one deployment: Sandwell (the `locality` fixture's Oldbury) and Dudley
(Stourbridge), each with requests, feedback, staff and a history of work."""

import pytest

from early_help.models import Feedback, FeedbackLink, HelpRequest
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from tests.factories import (
    CouncilFactory,
    LocalityFactory,
    PostcodeSectorFactory,
    family_request,
    staff_member,
)


def _with_mash(help_request: HelpRequest) -> HelpRequest:
    HelpRequest.objects.filter(pk=help_request.pk).update(
        in_mash_queue=True, safeguarding_flag=True
    )
    help_request.refresh_from_db()
    return help_request


def _feedback(team, *, worker: str, words: str) -> Feedback:
    link = FeedbackLink.objects.create(
        worker_name=worker, worker_role="early_help_worker", team=team
    )
    return Feedback.objects.create(
        journey="young_person",
        link=link,
        about_role="early_help_worker",
        team=team,
        feels_safe="no",
        could_be_better=words,
        urgent=True,
        in_mash_queue=True,
    )


@pytest.fixture
def dudley(db):
    return CouncilFactory(name="Dudley Council", short_name="Dudley", slug="dudley")


@pytest.fixture
def stourbridge(dudley):
    town = LocalityFactory(name="Stourbridge", slug="stourbridge", council=dudley)
    PostcodeSectorFactory(locality=town, sector="DY8 1")
    return town


@pytest.fixture
def region(locality, stourbridge, dudley):
    """Requests, feedback, staff and their work in both councils."""
    sandwell = locality.council
    world = {
        "sandwell": sandwell,
        "dudley": dudley,
        "oldbury": locality,
        "stourbridge": stourbridge,
        "sandwell_request": family_request(1, town="oldbury"),
        "sandwell_mash": _with_mash(family_request(2, town="oldbury")),
        "dudley_request": family_request(3, town="stourbridge"),
        "dudley_mash": _with_mash(family_request(4, town="stourbridge")),
        "sandwell_feedback": _feedback(locality, worker="Alex Oldbury", words="Scared in Oldbury"),
        "dudley_feedback": _feedback(stourbridge, worker="Bo Stourbridge", words="Dudley words"),
    }
    world["people"] = {
        "worker": staff_member(StaffRole.LOCALITY_WORKER, locality=stourbridge),
        "manager": staff_member(StaffRole.LOCALITY_MANAGER, locality=stourbridge),
        "service_manager": staff_member(StaffRole.SERVICE_MANAGER, council=dudley),
        "mash": staff_member(StaffRole.MASH_DUTY, council=dudley),
        "administrator": staff_member(StaffRole.ADMINISTRATOR, council=dudley),
    }
    world["sandwell_people"] = {
        "worker": staff_member(StaffRole.LOCALITY_WORKER, locality=locality),
        "mash": staff_member(StaffRole.MASH_DUTY, council=sandwell),
    }
    # A history of work on every request: claims and notes (Wagtail log, audit, timeline).
    for key, worker in (
        ("sandwell_request", world["sandwell_people"]["worker"]),
        ("sandwell_mash", world["sandwell_people"]["mash"]),
        ("dudley_request", world["people"]["worker"]),
        ("dudley_mash", world["people"]["mash"]),
    ):
        queue_services.help_request_claim(help_request=world[key], user=worker)
        queue_services.help_request_add_note(
            help_request=world[key], user=worker, text="Rang the school."
        )
    return world
