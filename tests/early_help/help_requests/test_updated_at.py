"""`updated_at` is what case systems read changes by: every change to a request writes a
timeline event, and every event but "viewed" moves it on."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.models import HelpRequest
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from early_help.texts.services import sms_inbound
from tests.factories import DraftFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def help_request(locality):
    return journey_services.help_request_submit(draft=DraftFactory())


@pytest.fixture
def worker(locality):
    return staff_member(StaffRole.LOCALITY_WORKER, locality=locality)


def _later(help_request, change) -> bool:
    before = HelpRequest.objects.get(pk=help_request.pk).updated_at
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        change()
    return HelpRequest.objects.get(pk=help_request.pk).updated_at > before


def test_a_new_request_has_a_change_time(help_request):
    assert help_request.updated_at >= help_request.submitted_at


@pytest.mark.parametrize(
    "action",
    [
        lambda r, w: queue_services.help_request_claim(help_request=r, user=w),
        lambda r, w: queue_services.help_request_add_note(help_request=r, user=w, text="Rang"),
        lambda r, w: queue_services.help_request_record_contact(
            help_request=r, user=w, made_contact=True
        ),
        lambda r, w: queue_services.help_request_change_status(
            help_request=r, user=w, status="triaged"
        ),
        lambda r, w: queue_services.help_request_pass_to_mash(
            help_request=r, user=w, reason="Worried"
        ),
    ],
    ids=["claim", "note", "contact", "status", "pass_to_mash"],
)
def test_every_staff_action_moves_the_change_time_on(help_request, worker, action):
    assert _later(help_request, lambda: action(help_request, worker))


def test_a_text_from_the_family_moves_the_change_time_on(help_request):
    assert _later(
        help_request,
        lambda: sms_inbound(sender=str(help_request.phone), body="Yes please", sid="SM1"),
    )


def test_opening_a_request_does_not(help_request, worker):
    assert not _later(
        help_request,
        lambda: queue_services.help_request_view(help_request=help_request, user=worker),
    )
