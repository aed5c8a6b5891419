"""The overdue rule: one definition, used by the filter, the counts and the tags staff see."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.models import HelpRequest
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import selectors as queue_selectors
from tests.factories import DraftFactory, complete_answers, login_with_mfa, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def mash_request(locality):
    """Flagged for MASH duty, the family reached, but MASH never triaged it in time."""
    answers = complete_answers(**{"whats-happening": {"needs": ["safety"], "description": ""}})
    help_request = journey_services.help_request_submit(draft=DraftFactory(answers=answers))
    HelpRequest.objects.filter(pk=help_request.pk).update(
        respond_by=timezone.localdate() - datetime.timedelta(days=1),
        first_contact_at=timezone.now(),
    )
    return help_request


def test_an_untriaged_mash_request_past_its_date_is_overdue_everywhere(mash_request):
    mash = staff_member(StaffRole.MASH_DUTY)
    assert list(queue_selectors.help_request_queue(user=mash, filters={"overdue": True})) == [
        mash_request
    ]
    assert queue_selectors.queue_counts(mash)["overdue"] == 1
    client = Client()
    login_with_mfa(client, mash)
    html = client.get(f"/admin/help-requests/{mash_request.pk}/").content.decode()
    assert "<strong>Overdue</strong>" in html
    row = client.get("/admin/help-requests/").content.decode()
    assert row.count(">Overdue<") == 1


def test_a_triaged_or_closed_request_is_not_overdue(mash_request):
    HelpRequest.objects.filter(pk=mash_request.pk).update(triaged_at=timezone.now())
    assert not HelpRequest.objects.overdue().exists()
    HelpRequest.objects.filter(pk=mash_request.pk).update(triaged_at=None, status="closed")
    assert not HelpRequest.objects.overdue().exists()
    annotated = HelpRequest.objects.with_overdue().get(pk=mash_request.pk)
    assert annotated.is_overdue is False
