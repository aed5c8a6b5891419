"""Each staff action: what it changes, the timeline event, the Wagtail log entry, the audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.log_actions import registry as log_registry

from early_help.asking_for_help import services as journey_services
from early_help.models import (
    AuditRecord,
    EventKind,
    HelpRequest,
    HelpRequestStatus,
    LeadAgency,
    ReReferral,
)
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import exports, reports
from early_help.staff_queue import selectors as queue_selectors
from early_help.staff_queue import services as queue_services
from tests.factories import DraftFactory, complete_answers, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def help_request(locality):
    return journey_services.help_request_submit(draft=DraftFactory())


@pytest.fixture
def worker(locality):
    return staff_member(
        StaffRole.LOCALITY_WORKER, locality=locality, first_name="Amrit", last_name="Sandhu"
    )


@pytest.fixture
def manager(locality):
    return staff_member(StaffRole.LOCALITY_MANAGER, locality=locality)


@pytest.fixture
def agency():
    return LeadAgency.objects.create(name="Health visiting")


def _logged(help_request, action):
    return (
        log_registry.get_logs_for_instance(help_request)
        .filter(action=f"early_help.{action}")
        .exists()
    )


def test_claiming_allocates_the_request_to_me(help_request, worker):
    queue_services.help_request_claim(help_request=help_request, user=worker)
    help_request.refresh_from_db()
    assert help_request.assigned_to == worker
    assert help_request.status == HelpRequestStatus.ALLOCATED
    assert help_request.events.filter(kind=EventKind.ASSIGNED, actor=worker).exists()
    assert _logged(help_request, "claim")
    assert AuditRecord.objects.filter(
        user=worker, help_request=help_request, action="changed"
    ).exists()


def test_a_manager_assigns_to_a_worker_of_the_town_only(help_request, manager, worker, locality):
    queue_services.help_request_assign(help_request=help_request, user=manager, worker=worker)
    assert HelpRequest.objects.get(pk=help_request.pk).assigned_to == worker
    outsider = staff_member(StaffRole.LOCALITY_WORKER)
    with pytest.raises(ValidationError):
        queue_services.help_request_assign(help_request=help_request, user=manager, worker=outsider)


def test_a_worker_cannot_assign(help_request, worker):
    with pytest.raises(PermissionDenied):
        queue_services.help_request_assign(help_request=help_request, user=worker, worker=worker)


def test_changing_the_lead_practitioner_counts_a_handover(help_request, worker, agency):
    queue_services.help_request_set_lead(
        help_request=help_request, user=worker, lead_agency=agency, lead_practitioner="Ms Patel"
    )
    assert (
        HelpRequest.objects.get(pk=help_request.pk).handover_count == 0
    )  # the first lead is not a handover
    queue_services.help_request_set_lead(
        help_request=help_request, user=worker, lead_agency=agency, lead_practitioner="Mr Jones"
    )
    assert HelpRequest.objects.get(pk=help_request.pk).handover_count == 1
    school = LeadAgency.objects.create(name="School")
    queue_services.help_request_set_lead(
        help_request=help_request, user=worker, lead_agency=school, lead_practitioner="Mr Jones"
    )
    assert HelpRequest.objects.get(pk=help_request.pk).handover_count == 2
    assert _logged(help_request, "set_lead")


def test_a_third_lead_practitioner_in_a_year_needs_confirming(help_request, worker, agency):
    for name in ["Ms Patel", "Mr Jones"]:
        queue_services.help_request_set_lead(
            help_request=help_request, user=worker, lead_agency=agency, lead_practitioner=name
        )
    with pytest.raises(queue_services.ThirdPractitionerWarning) as warning:
        queue_services.help_request_set_lead(
            help_request=help_request, user=worker, lead_agency=agency, lead_practitioner="Dr Who"
        )
    assert warning.value.practitioners == ["Ms Patel", "Mr Jones"]
    assert HelpRequest.objects.get(pk=help_request.pk).lead_practitioner == "Mr Jones"
    queue_services.help_request_set_lead(
        help_request=help_request,
        user=worker,
        lead_agency=agency,
        lead_practitioner="Dr Who",
        confirmed=True,
    )
    assert HelpRequest.objects.get(pk=help_request.pk).lead_practitioner == "Dr Who"


def test_the_practitioner_count_follows_the_family_across_re_referrals(
    help_request, worker, agency
):
    queue_services.help_request_set_lead(
        help_request=help_request, user=worker, lead_agency=agency, lead_practitioner="Ms Patel"
    )
    queue_services.help_request_set_lead(
        help_request=help_request, user=worker, lead_agency=agency, lead_practitioner="Mr Jones"
    )
    again = journey_services.help_request_submit(draft=DraftFactory())
    assert ReReferral.objects.filter(help_request=again, earlier=help_request).exists()
    with pytest.raises(queue_services.ThirdPractitionerWarning):
        queue_services.help_request_set_lead(
            help_request=again, user=worker, lead_agency=agency, lead_practitioner="Dr Who"
        )


def test_closing_needs_an_outcome(help_request, worker):
    with pytest.raises(ValidationError):
        queue_services.help_request_change_status(
            help_request=help_request, user=worker, status="closed"
        )
    queue_services.help_request_change_status(
        help_request=help_request, user=worker, status="closed", outcome="needs_met"
    )
    help_request.refresh_from_db()
    assert help_request.status == "closed"
    assert help_request.outcome == "needs_met"
    assert help_request.closed_at


def test_reopening_a_closed_request_counts_that_it_came_back(help_request, worker):
    queue_services.help_request_change_status(
        help_request=help_request, user=worker, status="closed", outcome="needs_met"
    )
    queue_services.help_request_change_status(
        help_request=help_request, user=worker, status="allocated"
    )
    help_request.refresh_from_db()
    assert help_request.reopened_count == 1
    assert help_request.outcome == ""


def test_impossible_status_changes_are_refused(help_request, worker):
    queue_services.help_request_change_status(
        help_request=help_request, user=worker, status="closed", outcome="needs_met"
    )
    with pytest.raises(ValidationError):
        queue_services.help_request_change_status(
            help_request=help_request, user=worker, status="in_contact"
        )


def test_passing_to_mash_and_back(help_request, worker, locality):
    mash = staff_member(StaffRole.MASH_DUTY)
    queue_services.help_request_pass_to_mash(
        help_request=help_request, user=worker, reason="Bruising seen"
    )
    help_request.refresh_from_db()
    assert help_request.in_mash_queue
    assert help_request.status == HelpRequestStatus.PASSED_TO_MASH
    assert not queue_selectors.help_requests_visible_to(worker).filter(pk=help_request.pk).exists()
    assert queue_selectors.help_requests_visible_to(mash).filter(pk=help_request.pk).exists()
    queue_services.help_request_pass_back(
        help_request=help_request, user=mash, locality=locality, note="Early help is right"
    )
    help_request.refresh_from_db()
    assert not help_request.in_mash_queue
    assert help_request.status == HelpRequestStatus.TRIAGED
    assert help_request.triaged_at
    assert _logged(help_request, "pass_to_mash")
    assert _logged(help_request, "pass_back")


def test_the_first_contact_that_reaches_the_family_sets_time_to_first_contact(help_request, worker):
    queue_services.help_request_record_contact(
        help_request=help_request, user=worker, made_contact=False, note="No answer"
    )
    assert HelpRequest.objects.get(pk=help_request.pk).first_contact_at is None
    queue_services.help_request_record_contact(
        help_request=help_request, user=worker, made_contact=True
    )
    first = HelpRequest.objects.get(pk=help_request.pk).first_contact_at
    queue_services.help_request_record_contact(
        help_request=help_request, user=worker, made_contact=True
    )
    help_request.refresh_from_db()
    assert first
    assert help_request.first_contact_at == first
    assert help_request.status == HelpRequestStatus.IN_CONTACT
    assert help_request.events.filter(kind=EventKind.CONTACT_ATTEMPT).count() == 3


def test_notes_are_kept_whole_on_the_timeline(help_request, worker):
    text = "Spoke to school.\n" + "x" * 500
    queue_services.help_request_add_note(help_request=help_request, user=worker, text=text)
    assert help_request.events.get(kind=EventKind.NOTE).data["text"] == text
    with pytest.raises(ValidationError):
        queue_services.help_request_add_note(help_request=help_request, user=worker, text="   ")


def test_viewing_is_audited_every_time_and_on_the_timeline_once(help_request, worker):
    for _ in range(3):
        queue_services.help_request_view(help_request=help_request, user=worker)
    assert (
        AuditRecord.objects.filter(help_request=help_request, user=worker, action="viewed").count()
        == 3
    )
    assert help_request.events.filter(kind=EventKind.VIEWED).count() == 1


def _timeline_kinds(user, help_request) -> list[str]:
    detail = queue_selectors.help_request_detail(user=user, pk=help_request.pk)
    return [event.kind for event in detail.timeline]


def test_who_opened_a_request_is_on_the_administrators_timeline_only(help_request, worker, manager):
    administrator = staff_member(StaffRole.ADMINISTRATOR)
    superuser = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
    for someone in (worker, manager):
        queue_services.help_request_view(help_request=help_request, user=someone)
    queue_services.help_request_add_note(help_request=help_request, user=worker, text="Rang.")
    everything = [event.kind for event in help_request.events.all()]
    assert everything.count(EventKind.VIEWED) == 2
    for someone in (administrator, superuser):
        assert _timeline_kinds(someone, help_request) == everything
    for someone in (worker, manager):
        # Everything else stays, in order.
        assert _timeline_kinds(someone, help_request) == [
            kind for kind in everything if kind != EventKind.VIEWED
        ]


def test_overdue_means_past_the_promised_date_without_contact(help_request, worker):
    HelpRequest.objects.filter(pk=help_request.pk).update(
        respond_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert queue_selectors.help_request_queue(user=worker, filters={"overdue": True}).count() == 1
    queue_services.help_request_record_contact(
        help_request=help_request, user=worker, made_contact=True
    )
    assert queue_selectors.help_request_queue(user=worker, filters={"overdue": True}).count() == 0


@pytest.mark.parametrize(
    "typed", ["07700 900123", "07700900123", "+44 7700 900123", "0044 7700 900 123"]
)
def test_the_queue_finds_a_phone_number_typed_any_way(help_request, worker, typed):
    assert list(queue_selectors.help_request_queue(user=worker, filters={"q": typed})) == [
        help_request
    ]


def test_the_queue_finds_by_reference_and_name(help_request, worker):
    assert list(
        queue_selectors.help_request_queue(
            user=worker, filters={"q": help_request.reference.lower()}
        )
    ) == [help_request]
    assert list(queue_selectors.help_request_queue(user=worker, filters={"q": "bloggs"})) == [
        help_request
    ]


def test_the_queue_puts_urgent_first_then_oldest(locality, worker):
    admin = staff_member(StaffRole.ADMINISTRATOR, is_superuser=True)
    newer = journey_services.help_request_submit(draft=DraftFactory())
    older = journey_services.help_request_submit(draft=DraftFactory())
    HelpRequest.objects.filter(pk=older.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=3)
    )
    urgent = journey_services.help_request_submit(
        draft=DraftFactory(
            answers=complete_answers(
                **{"whats-happening": {"needs": ["safety"], "safe_now": "", "description": ""}}
            )
        )
    )
    assert list(queue_selectors.help_request_queue(user=admin)) == [urgent, older, newer]


def test_report_figures_and_exports_neutralise_formulas(locality, worker, manager, agency):
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    queue_services.help_request_record_contact(
        help_request=help_request, user=worker, made_contact=True
    )
    queue_services.help_request_change_status(
        help_request=help_request, user=worker, status="closed", outcome="needs_met"
    )
    locality.name = '=HYPERLINK("http://evil")'
    locality.save()
    figures = reports.locality_figures(
        user=manager, localities=reports.localities_for_reports(manager)
    )
    assert figures[0]["closed"] == 1
    assert figures[0]["median_hours_to_first_contact"] is not None
    csv_body = exports.export(figures, "csv").content.decode()
    assert "'=HYPERLINK" in csv_body
    assert "\n=HYPERLINK" not in csv_body
    assert exports.neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert exports.neutralise("-1") == "'-1"
    assert exports.neutralise(3) == 3
    xlsx = exports.export(figures, "xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
