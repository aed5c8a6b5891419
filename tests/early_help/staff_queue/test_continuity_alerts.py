"""A family's third lead practitioner in 12 months: the town's managers are told, once."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from early_help.models import ContinuityAlert, EventKind, HelpRequest, LeadAgency, RequestEvent
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from early_help.staff_queue.delivery import continuity_alert_deliver
from early_help.staff_queue.selectors import families_with_three_or_more_practitioners
from tests.factories import (
    LocalityFactory,
    PostcodeSectorFactory,
    family_request,
    login_with_mfa,
    staff_member,
)

pytestmark = pytest.mark.django_db

YEAR_AGO = datetime.timedelta(days=365)


@pytest.fixture
def tipton():
    town = LocalityFactory(name="Tipton", slug="tipton")
    PostcodeSectorFactory(locality=town, sector="DY4 7")
    return town


@pytest.fixture
def agency():
    return LeadAgency.objects.create(name="Health visiting")


@pytest.fixture
def staff(locality, tipton):
    return {
        "worker": staff_member(StaffRole.LOCALITY_WORKER, locality=locality),
        "manager": staff_member(
            StaffRole.LOCALITY_MANAGER, locality=locality, email="manager.oldbury@example.org"
        ),
        "second_manager": staff_member(
            StaffRole.LOCALITY_MANAGER, locality=locality, email="deputy.oldbury@example.org"
        ),
        "away_manager": staff_member(
            StaffRole.LOCALITY_MANAGER,
            locality=locality,
            email="left.oldbury@example.org",
            is_active=False,
        ),
        "tipton_manager": staff_member(
            StaffRole.LOCALITY_MANAGER, locality=tipton, email="manager.tipton@example.org"
        ),
        "tipton_worker": staff_member(StaffRole.LOCALITY_WORKER, locality=tipton),
    }


def set_leads(help_request, user, agency, names, *, confirmed=True):
    for name in names:
        queue_services.help_request_set_lead(
            help_request=help_request,
            user=user,
            lead_agency=agency,
            lead_practitioner=name,
            confirmed=confirmed,
        )


def test_confirming_a_third_practitioner_emails_the_towns_managers_once(
    staff, agency, django_capture_on_commit_callbacks
):
    help_request = family_request(1)
    set_leads(help_request, staff["worker"], agency, ["Ms Patel", "Mr Jones"])
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        set_leads(help_request, staff["worker"], agency, ["Dr Who"])
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert sorted(email.to) == ["deputy.oldbury@example.org", "manager.oldbury@example.org"]
    assert help_request.reference in email.subject
    link = f"https://familyvoice.example.org/admin/help-requests/{help_request.pk}/"
    assert link in email.body
    # Nothing personal: no name, phone, child, postcode, description, practitioner.
    text = email.subject + email.body
    for personal in ["Jo", "Bloggs", "7700", "Child1", "B69", "rent", "Patel", "Jones", "Who"]:
        assert personal not in text
    alert = ContinuityAlert.objects.get()
    assert (alert.practitioners, alert.managers_told) == (3, 2)
    assert alert.sent_at is not None
    event = help_request.events.get(kind=EventKind.MANAGERS_TOLD)
    assert event.actor == staff["worker"]
    assert event.data == {"continuity_alert": alert.pk, "practitioners": 3}
    # The task runs again (a retry, a second worker): nobody is emailed twice.
    assert continuity_alert_deliver(alert_id=alert.pk) == 0
    assert len(mail.outbox) == 1


def test_no_alert_without_a_third_practitioner(staff, agency, django_capture_on_commit_callbacks):
    help_request = family_request(2)
    with django_capture_on_commit_callbacks(execute=True):
        set_leads(help_request, staff["worker"], agency, ["Ms Patel", "Mr Jones", "ms patel"])
    assert mail.outbox == []
    assert not ContinuityAlert.objects.exists()
    assert not help_request.events.filter(kind=EventKind.MANAGERS_TOLD).exists()


def test_an_unconfirmed_third_practitioner_tells_nobody(
    staff, agency, django_capture_on_commit_callbacks
):
    help_request = family_request(3)
    set_leads(help_request, staff["worker"], agency, ["Ms Patel", "Mr Jones"])
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(queue_services.ThirdPractitionerWarning),
    ):
        set_leads(help_request, staff["worker"], agency, ["Dr Who"], confirmed=False)
    assert mail.outbox == []
    assert not ContinuityAlert.objects.exists()


def test_only_the_managers_of_the_requests_town_are_told(
    staff, agency, django_capture_on_commit_callbacks
):
    help_request = family_request(4, "tipton")
    with django_capture_on_commit_callbacks(execute=True):
        set_leads(help_request, staff["tipton_worker"], agency, ["A One", "B Two", "C Three"])
    assert [email.to for email in mail.outbox] == [["manager.tipton@example.org"]]


def test_the_third_can_come_across_the_familys_linked_requests(
    staff, agency, django_capture_on_commit_callbacks
):
    first = family_request(5)
    set_leads(first, staff["worker"], agency, ["Ms Patel", "Mr Jones"])
    again = family_request(5)
    with django_capture_on_commit_callbacks(execute=True):
        set_leads(again, staff["worker"], agency, ["Dr Who"])
    assert len(mail.outbox) == 1
    assert ContinuityAlert.objects.get().help_request == again


def test_families_with_three_or_more_practitioners_per_town(staff, agency):
    worker, tipton_worker = staff["worker"], staff["tipton_worker"]
    # Oldbury: one family with three on one request, one with three across two requests
    # (counted once), one with two.
    set_leads(family_request(10), worker, agency, ["A", "B", "C"])
    first = family_request(11)
    set_leads(first, worker, agency, ["D", "E"])
    set_leads(family_request(11), worker, agency, ["F"])
    set_leads(family_request(12), worker, agency, ["G", "H", "g"])
    # Tipton: one family with four.
    set_leads(family_request(13, "tipton"), tipton_worker, agency, ["I", "J", "K", "L"])
    since = timezone.now() - YEAR_AGO
    assert families_with_three_or_more_practitioners(
        requests=HelpRequest.objects.all(), since=since
    ) == [{"locality": "Oldbury", "families": 2}, {"locality": "Tipton", "families": 1}]
    assert families_with_three_or_more_practitioners(
        requests=HelpRequest.objects.visible_to(tipton_worker), since=since
    ) == [{"locality": "Tipton", "families": 1}]
    # Changes of lead before the window do not count.
    RequestEvent.objects.filter(
        kind=EventKind.LEAD_CHANGED, data__lead_practitioner__in=["A", "I"]
    ).update(created_at=since - datetime.timedelta(days=1))
    assert families_with_three_or_more_practitioners(
        requests=HelpRequest.objects.all(), since=since
    ) == [{"locality": "Oldbury", "families": 1}, {"locality": "Tipton", "families": 1}]


def test_the_report_shows_all_three_sections(staff, agency, locality):
    set_leads(family_request(20), staff["worker"], agency, ["A", "B", "C"])
    client = Client()
    login_with_mfa(client, staff["manager"])
    page = client.get("/admin/help-requests/reports/").content.decode()
    assert "Where requests wait" in page
    assert "Why families come back" in page
    assert "Families with three or more lead practitioners" in page
    assert '<tr><th scope="row">Oldbury</th><td>1</td></tr>' in page
