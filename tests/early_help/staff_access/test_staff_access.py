"""The authorisation matrix: every staff URL, every role, in scope and out of scope."""

import pytest
from django.test import Client

from early_help.asking_for_help import services as journey_services
from early_help.models import BlockageReason, HelpRequest, LeadAgency
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
    people["tipton_worker"] = tipton_worker
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
        "waiting": {"reason": BlockageReason.objects.get(name="Waiting for school").pk},
    }[action]


# What each role may do to a request it can see. Out of scope is always 404.
MAY = {
    "worker": {"claim", "lead", "status", "mash", "note", "contact", "text", "waiting"},
    "manager": {"claim", "assign", "lead", "status", "mash", "note", "contact", "text", "waiting"},
    "mash": {
        *("claim", "assign", "lead", "status", "pass-back", "note", "contact", "text", "waiting"),
    },
    "service_manager": set(),
    "comms": set(),
    "admin": {
        *("claim", "assign", "lead", "status", "mash", "pass-back", "note", "contact", "text"),
        "waiting",
    },
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
    "waiting",
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
    "waiting": "waiting_started",
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


@pytest.mark.parametrize(
    ("role", "record", "sees_who_viewed"),
    [
        ("worker", "oldbury", False),
        ("manager", "oldbury", False),
        ("tipton_worker", "tipton", False),
        ("mash", "mash", False),
        ("service_manager", "oldbury", False),
        ("admin", "oldbury", True),
        ("admin", "mash", True),
    ],
)
def test_who_opened_a_request_shows_on_its_timeline_for_administrators_only(
    world, role, record, sees_who_viewed
):
    from early_help.models import AuditRecord

    help_request = world[record]
    url = f"/admin/help-requests/{help_request.pk}/"
    viewer = world["people"][role]
    # Two other people with the request in their scope have opened it before.
    earlier = [
        someone
        for someone in (
            world["assignees"][record],
            world["people"]["service_manager"],
            world["people"]["admin"],
        )
        if someone != viewer
    ][:2]
    for someone in earlier:
        other = Client()
        login_with_mfa(other, someone)
        assert other.get(url).status_code == 200
    client = Client()
    login_with_mfa(client, viewer)
    client.get(url)
    html = client.get(url).content.decode()
    for someone in earlier:
        assert (f"First opened by {someone.get_full_name()}" in html) == sees_who_viewed
    assert ("<strong>Viewed</strong>" in html) == sees_who_viewed
    # Whoever reads the timeline, every view is audited.
    assert (
        AuditRecord.objects.filter(help_request=help_request, user=viewer, action="viewed").count()
        == 2
    )
    if sees_who_viewed:
        audit = client.get(f"{url}audit/").content.decode()
        for someone in earlier:
            assert someone.get_full_name() in audit


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


# Wagtail's own screens (DESIGN.md §6). Wagtail shows log entries for any model on which a
# user holds any permission, and every role holds one on HelpRequest: these screens must
# show a request only to those whose queue shows it.
SCOPE = {
    "worker": {"oldbury"},
    "tipton_worker": {"tipton"},
    "manager": {"oldbury"},
    "mash": {"mash"},
    "service_manager": {"oldbury", "tipton", "mash"},
    "comms": set(),
    "admin": {"oldbury", "tipton", "mash"},
}
RECORDS = ["oldbury", "tipton", "mash"]
FAMILY_PHONE = ("+447700900123", "07700 900123", "7700900123")


@pytest.fixture
def logged_world(world):
    """Each request with Wagtail log entries (claimed by its team; a note and a text from
    the administrator), urgent feedback about a Tipton worker, and comms in Wagtail's
    Editors group as in the demo (pages, images, documents)."""
    from django.contrib.auth.models import Group

    from early_help.models import Feedback, FeedbackLink
    from early_help.staff_queue import services as queue_services

    admin = world["people"]["admin"]
    for record in RECORDS:
        queue_services.help_request_claim(
            help_request=world[record], user=world["assignees"][record]
        )
        queue_services.help_request_add_note(
            help_request=world[record], user=admin, text="Rang the school."
        )
        queue_services.help_request_text(help_request=world[record], user=admin, key="try_to_call")
    tipton = world["tipton"].locality
    link = FeedbackLink.objects.create(
        worker_name="Alex Tipton", worker_role="early_help_worker", team=tipton
    )
    world["feedback"] = Feedback.objects.create(
        journey="young_person",
        link=link,
        about_role="early_help_worker",
        team=tipton,
        feels_safe="no",
        could_be_better="I am scared at home.",
        urgent=True,
        in_mash_queue=True,
    )
    world["people"]["comms"].groups.add(Group.objects.get(name="Editors"))
    return world


def _rows(response, export: str) -> list[dict]:
    """The site history export as dicts keyed by its headings."""
    import csv
    import io

    import openpyxl

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _shows_feedback(text: str, feedback) -> bool:
    import re

    return bool(re.search(rf"\b{feedback.reference}\b", text)) or "scared at home" in text


@pytest.mark.parametrize("role", list(SCOPE))
def test_site_history_shows_a_request_only_to_those_whose_queue_shows_it(logged_world, role):
    world = logged_world
    client = Client()
    login_with_mfa(client, world["people"][role])
    for url in ["/admin/reports/site-history/", "/admin/reports/site-history/results/"]:
        html = client.get(url).content.decode()
        for record in RECORDS:
            assert (world[record].reference in html) == (record in SCOPE[role]), (url, record)
        assert not _shows_feedback(html, world["feedback"])
        assert not any(phone in html for phone in FAMILY_PHONE)


@pytest.mark.parametrize("export", ["csv", "xlsx"])
@pytest.mark.parametrize("role", list(SCOPE))
def test_site_history_exports_hold_a_request_only_for_those_whose_queue_shows_it(
    logged_world, role, export
):
    world = logged_world
    client = Client()
    login_with_mfa(client, world["people"][role])
    rows = _rows(client.get("/admin/reports/site-history/", {"export": export}), export)
    for record in RECORDS:
        help_request = world[record]
        by_reference = [row for row in rows if row["Name"] == help_request.reference]
        if record in SCOPE[role]:
            # The claim, the note and the text, under the request's own id, with who did them.
            assert {row["ID"] for row in by_reference} == {str(help_request.pk)}, record
            assert len(by_reference) == 3, record
            assert {row["User"] for row in by_reference} == {
                world["assignees"][record].get_full_name(),
                world["people"]["admin"].get_full_name(),
            }
        else:
            assert by_reference == [], record
            assert not any(help_request.reference in str(row) for row in rows), record
    assert not any(row["Type"] in {"Feedback", "Text message"} for row in rows)
    assert not any(_shows_feedback(str(row), world["feedback"]) for row in rows)


@pytest.mark.parametrize("role", list(SCOPE))
def test_site_history_filters_name_only_people_and_types_in_scope(logged_world, role):
    """The report's filters list who acted and on what: they must not give away the rest."""
    from django.contrib.contenttypes.models import ContentType

    world = logged_world
    client = Client()
    login_with_mfa(client, world["people"][role])
    help_request_type = ContentType.objects.get_for_model(HelpRequest)
    # Filtering by the help request type, or by a worker, is a way in of its own.
    rows = _rows(
        client.get(
            "/admin/reports/site-history/", {"export": "csv", "object_type": help_request_type.pk}
        ),
        "csv",
    )
    assert {row["Name"] for row in rows} == {world[r].reference for r in SCOPE[role]}
    for record in RECORDS:
        claimer = world["assignees"][record]
        rows = _rows(
            client.get("/admin/reports/site-history/", {"export": "csv", "user": claimer.pk}),
            "csv",
        )
        assert (world[record].reference in {row["Name"] for row in rows}) == (
            record in SCOPE[role]
        ), record
    html = client.get("/admin/reports/site-history/").content.decode()
    viewer = world["people"][role]
    for record in RECORDS:
        claimer = world["assignees"][record]
        if record not in SCOPE[role] and claimer != viewer:
            assert claimer.get_full_name() not in html, record


@pytest.mark.parametrize("role", list(SCOPE))
def test_wagtails_other_screens_show_no_request_feedback_or_text(logged_world, role):
    """Admin search, the admin API, the dashboard, the other reports, workflows and the
    snippets' listing, usage and history views: none of them is a way to a request, a
    piece of feedback or a text, whatever the role."""
    from early_help.models import SmsTemplate

    world = logged_world
    client = Client()
    login_with_mfa(client, world["people"][role])
    tipton = world["tipton"].locality
    link = world["feedback"].link
    template = SmsTemplate.objects.get(key="try_to_call", locale__language_code="en")
    screens = [
        "/admin/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/page-types-usage/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/workflows/list/",
        "/admin/pages/",
        "/admin/pages/usage/early_help/helprequest/",
        "/admin/pages/usage/early_help/feedback/",
        "/admin/localize/reports/translations/",
        "/admin/localize/api/snippets/early_help/helprequest/",
        f"/admin/localize/api/snippets/early_help/helprequest/{world['tipton'].pk}/",
        "/admin/localize/api/snippets/early_help/feedback/",
        "/admin/localize/api/snippets/early_help/outboxmessage/",
        "/admin/localize/api/snippets/early_help/feedbacklink/",
        "/admin/localize/api/snippets/early_help/smstemplate/",
    ]
    for model, pk in [
        ("locality", tipton.pk),
        ("feedbacklink", link.pk),
        ("smstemplate", template.pk),
    ]:
        screens += [
            f"/admin/snippets/early_help/{model}/",
            f"/admin/snippets/early_help/{model}/usage/{pk}/",
            f"/admin/snippets/early_help/{model}/history/{pk}/",
            f"/admin/snippets/early_help/{model}/edit/{pk}/",
        ]
    for url in screens:
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        body = response.content.decode()
        for record in RECORDS:
            assert world[record].reference not in body, (url, record)
        assert not _shows_feedback(body, world["feedback"]), url
        assert not any(phone in body for phone in FAMILY_PHONE), url
    # Searches echo what was typed: a term may appear no more often than a made-up term
    # of the same shape does, or it found something.
    searches = [(world[r].reference, "FV-ZZZZZ") for r in RECORDS] + [
        (world["feedback"].reference, "FB-99999"),
        ("Bloggs", "Zqxwvb"),  # the families' surname
    ]
    for search, made_up in searches:
        for url in [
            "/admin/pages/search/?q={}",
            "/admin/pages/search/results/?q={}",
            "/admin/api/main/pages/?search={}",
            "/admin/choose-page/search/?q={}",
            "/admin/snippets/choose/early_help/feedbacklink/results/?q={}",
            "/admin/localize/api/snippets/early_help/feedbacklink/?search={}",
        ]:
            found = client.get(url.format(search))
            nothing = client.get(url.format(made_up))
            assert found.status_code == nothing.status_code, url
            assert found.content.decode().count(search) <= nothing.content.decode().count(
                made_up
            ), url.format(search)


@pytest.mark.parametrize(
    ("role", "status"),
    [("worker", 403), ("manager", 403), ("mash", 403), ("comms", 403), ("admin", 200)],
)
def test_wagtail_localizes_snippet_list_shows_workers_links_only_to_who_may_see_them(
    world, feedback_link, role, status
):
    client = Client()
    login_with_mfa(client, world["people"][role])
    listing = client.get("/admin/localize/api/snippets/early_help/feedbacklink/")
    detail = client.get(f"/admin/localize/api/snippets/early_help/feedbacklink/{feedback_link.pk}/")
    assert listing.status_code == status
    assert detail.status_code == status
    assert (feedback_link.worker_name in listing.content.decode()) == (status == 200)
