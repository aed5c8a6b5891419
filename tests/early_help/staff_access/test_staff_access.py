"""The authorisation matrix: every staff URL, every role, in scope and out of scope."""

import pytest
from django.test import Client

from early_help.asking_for_help import services as journey_services
from early_help.models import HelpRequest, LeadAgency
from early_help.staff_access.roles import StaffRole
from tests.factories import (
    DraftFactory,
    LocalityFactory,
    PostcodeSectorFactory,
    complete_answers,
    login_with_mfa,
    staff_member,
)

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, NOT_FOUND = "allowed", "forbidden", "not found"


@pytest.fixture
def world(locality):
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    PostcodeSectorFactory(locality=tipton, sector="DY4 7")
    LeadAgency.objects.create(name="School")
    oldbury_request = journey_services.help_request_submit(draft=DraftFactory())
    tipton_request = journey_services.help_request_submit(
        draft=DraftFactory(
            answers=complete_answers(
                _route={"kind": "locality", "locality": "tipton", "council": None}
            )
        )
    )
    mash_request = journey_services.help_request_submit(
        draft=DraftFactory(
            answers=complete_answers(
                **{"whats-happening": {"needs": ["safety"], "safe_now": "", "description": ""}}
            )
        )
    )
    people = {
        "worker": staff_member(StaffRole.LOCALITY_WORKER, locality=locality),
        "manager": staff_member(StaffRole.LOCALITY_MANAGER, locality=locality),
        "mash": staff_member(StaffRole.MASH_DUTY),
        "service_manager": staff_member(StaffRole.SERVICE_MANAGER),
        "comms": staff_member(StaffRole.COMMS_EDITOR),
        "admin": staff_member(StaffRole.ADMINISTRATOR, is_superuser=True),
    }
    tipton_worker = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    return {
        "assignees": {
            "oldbury": people["worker"],
            "tipton": tipton_worker,
            "mash": people["mash"],
        },
        "oldbury": oldbury_request,
        "tipton": tipton_request,
        "mash": mash_request,
        "people": people,
    }


def _outcome(response) -> str:
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code == 403:
        return FORBIDDEN
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert not response["Location"].startswith("/accounts/"), response["Location"]
    return ALLOWED


# (role, record) -> expected outcome of opening the request page
DETAIL = {
    ("worker", "oldbury"): ALLOWED,
    ("worker", "tipton"): NOT_FOUND,
    ("worker", "mash"): NOT_FOUND,
    ("manager", "oldbury"): ALLOWED,
    ("manager", "tipton"): NOT_FOUND,
    ("manager", "mash"): NOT_FOUND,
    ("mash", "oldbury"): NOT_FOUND,
    ("mash", "tipton"): NOT_FOUND,
    ("mash", "mash"): ALLOWED,
    ("service_manager", "oldbury"): ALLOWED,
    ("service_manager", "tipton"): ALLOWED,
    ("service_manager", "mash"): ALLOWED,
    ("comms", "oldbury"): FORBIDDEN,
    ("comms", "tipton"): FORBIDDEN,
    ("comms", "mash"): FORBIDDEN,
    ("admin", "oldbury"): ALLOWED,
    ("admin", "tipton"): ALLOWED,
    ("admin", "mash"): ALLOWED,
}


@pytest.mark.parametrize(("role", "record"), list(DETAIL))
def test_opening_a_request_respects_role_and_town(world, role, record):
    client = Client()
    login_with_mfa(client, world["people"][role])
    response = client.get(f"/admin/help-requests/{world[record].pk}/")
    assert _outcome(response) == DETAIL[(role, record)]


def _action_data(world, action, record, role):

    return {
        "claim": {},
        "assign": {"worker": world["assignees"][record].pk},
        "lead": {"lead_agency": LeadAgency.objects.get().pk, "lead_practitioner": "Ms Smith"},
        "status": {"status": "triaged"},
        "mash": {"reason": "Bruises"},
        "pass-back": {"locality": world["oldbury"].locality_id},
        "route": {"locality": world["oldbury"].locality_id},
        "note": {"text": "Called school"},
        "contact": {"made_contact": "yes"},
        "text": {"template": "try_to_call"},
    }[action]


# What each role may do to a request it can see. Out of scope is always 404.
MAY = {
    "worker": {"claim", "lead", "status", "mash", "note", "contact", "text"},
    "manager": {"claim", "assign", "lead", "status", "mash", "note", "contact", "text"},
    "mash": {"claim", "assign", "lead", "status", "pass-back", "note", "contact", "text"},
    "service_manager": set(),
    "comms": set(),
    "admin": {"claim", "assign", "lead", "status", "mash", "pass-back", "note", "contact", "text"},
}
ACTIONS = [
    "claim",
    "assign",
    "lead",
    "status",
    "mash",
    "pass-back",
    "route",
    "note",
    "contact",
    "text",
]


# The timeline line each action writes: proof that an allowed action took effect (the
# action views redirect back to the request whether or not the form was valid).
EFFECT = {
    "claim": "assigned",
    "assign": "assigned",
    "lead": "lead_changed",
    "status": "status_changed",
    "mash": "passed_to_mash",
    "pass-back": "passed_back",
    "route": "routed",
    "note": "note",
    "contact": "contact_attempt",
    "text": "sms_out",
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", list(MAY))
@pytest.mark.parametrize("record", ["oldbury", "tipton", "mash"])
def test_every_action_respects_role_and_town(world, role, action, record):
    client = Client()
    login_with_mfa(client, world["people"][role])
    help_request = world[record]
    before = HelpRequest.objects.filter(pk=help_request.pk).values().get()
    response = client.post(
        f"/admin/help-requests/{help_request.pk}/{action}/",
        _action_data(world, action, record, role),
    )
    visible = DETAIL[(role, record)]
    if visible == FORBIDDEN:
        expected = FORBIDDEN
    elif visible == NOT_FOUND:
        expected = NOT_FOUND
    elif (
        action in MAY[role]
        and not (action == "pass-back" and record != "mash")
        and not (action == "mash" and record == "mash")
    ):
        expected = ALLOWED
    else:
        expected = FORBIDDEN
    assert _outcome(response) == expected
    if expected == ALLOWED:
        assert help_request.events.filter(
            actor=world["people"][role], kind=EFFECT[action]
        ).exists(), f"{role} may {action} but nothing happened"
    else:
        assert HelpRequest.objects.filter(pk=help_request.pk).values().get() == before
        assert (
            not help_request.events.filter(actor=world["people"][role])
            .exclude(kind="viewed")
            .exists()
        )


@pytest.mark.parametrize(
    ("role", "queue_sees"),
    [
        ("worker", {"oldbury"}),
        ("manager", {"oldbury"}),
        ("mash", {"mash"}),
        ("service_manager", {"oldbury", "tipton", "mash"}),
        ("admin", {"oldbury", "tipton", "mash"}),
    ],
)
def test_the_queue_and_its_search_show_only_what_is_in_scope(world, role, queue_sees):
    client = Client()
    login_with_mfa(client, world["people"][role])
    html = client.get("/admin/help-requests/").content.decode()
    for record in ["oldbury", "tipton", "mash"]:
        assert (f"<strong>{world[record].reference}</strong>" in html) == (record in queue_sees), (
            record
        )
    searched = client.get(
        "/admin/help-requests/", {"q": world["tipton"].reference}
    ).content.decode()
    assert (f"<strong>{world['tipton'].reference}</strong>" in searched) == ("tipton" in queue_sees)


@pytest.mark.parametrize(
    ("role", "status"),
    [("worker", 403), ("service_manager", 200), ("mash", 200), ("admin", 200), ("comms", 403)],
)
def test_the_texts_page_is_for_those_who_can_match_replies(world, role, status):
    client = Client()
    login_with_mfa(client, world["people"][role])
    assert client.get("/admin/help-requests/texts/").status_code == status


def test_comms_editors_cannot_open_the_queue_or_reports(world):
    client = Client()
    login_with_mfa(client, world["people"]["comms"])
    assert client.get("/admin/help-requests/").status_code == 403
    assert client.get("/admin/help-requests/reports/").status_code == 403
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("role", "reports", "export"),
    [
        ("worker", 403, 403),
        ("manager", 200, 200),
        ("mash", 403, 403),
        ("service_manager", 200, 200),
        ("admin", 200, 200),
    ],
)
def test_reports_and_exports_are_for_managers(world, role, reports, export):
    client = Client()
    login_with_mfa(client, world["people"][role])
    assert client.get("/admin/help-requests/reports/").status_code == reports
    assert client.get("/admin/help-requests/reports/", {"format": "csv"}).status_code == export


def test_a_manager_cannot_report_on_another_town(world):
    client = Client()
    login_with_mfa(client, world["people"]["manager"])
    assert client.get("/admin/help-requests/reports/", {"locality": "tipton"}).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("worker", 403), ("manager", 403), ("service_manager", 403), ("admin", 200)],
)
def test_only_administrators_see_who_viewed_a_record(world, role, status):
    client = Client()
    login_with_mfa(client, world["people"][role])
    assert client.get(f"/admin/help-requests/{world['oldbury'].pk}/audit/").status_code == status


def test_unrouted_requests_can_be_routed_by_a_service_manager(world, locality):
    unrouted = journey_services.help_request_submit(
        draft=DraftFactory(
            answers=complete_answers(
                _route={"kind": "unknown"}, **{"nearest-town": {"town": "not_sure"}}
            )
        )
    )
    client = Client()
    login_with_mfa(client, world["people"]["service_manager"])
    client.post(f"/admin/help-requests/{unrouted.pk}/route/", {"locality": locality.pk})
    unrouted.refresh_from_db()
    assert unrouted.locality == locality


def test_the_admin_menu_counts_what_waits_in_scope(world):
    client = Client()
    login_with_mfa(client, world["people"]["mash"])
    html = client.get("/admin/").content.decode()
    assert "Help requests (1 open, 1 urgent)" in html
