"""Why families come back: the worker tags a re-referral, managers read the avoidable share."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from early_help.help_requests.models import AVOIDABLE
from early_help.models import AuditRecord, EventKind, HelpRequest, ReReferral, ReReferralReason
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from early_help.staff_queue.selectors import repeat_demand
from tests.factories import (
    LocalityFactory,
    PostcodeSectorFactory,
    family_request,
    login_with_mfa,
    staff_member,
)

pytestmark = pytest.mark.django_db

YEAR_AGO = datetime.timedelta(days=365)


def came_back(n: int, town: str = "oldbury") -> HelpRequest:
    family_request(n, town)
    again = family_request(n, town)
    assert again.re_referrals.exists()
    return again


@pytest.fixture
def tipton():
    town = LocalityFactory(name="Tipton", slug="tipton")
    PostcodeSectorFactory(locality=town, sector="DY4 7")
    return town


@pytest.fixture
def worker(locality):
    return staff_member(StaffRole.LOCALITY_WORKER, locality=locality)


def test_avoidable_returns_are_the_same_need_not_met_and_closing_too_early():
    assert {
        ReReferralReason.SAME_NEED_NOT_MET,
        ReReferralReason.CLOSED_TOO_EARLY,
    } == AVOIDABLE


def test_the_worker_tags_and_changes_why_the_family_came_back(locality, worker):
    again = came_back(1)
    queue_services.help_request_tag_came_back(
        help_request=again, user=worker, reason=ReReferralReason.NEW_NEED
    )
    link = ReReferral.objects.filter(help_request=again).first()
    assert (link.reason, link.tagged_by) == (ReReferralReason.NEW_NEED, worker)
    assert link.tagged_at is not None
    queue_services.help_request_tag_came_back(
        help_request=again, user=worker, reason=ReReferralReason.CLOSED_TOO_EARLY
    )
    assert set(ReReferral.objects.filter(help_request=again).values_list("reason", flat=True)) == {
        ReReferralReason.CLOSED_TOO_EARLY
    }
    events = list(again.events.filter(kind=EventKind.CAME_BACK_TAGGED).order_by("pk"))
    assert [event.summary for event in events] == [
        "Came back because: A new need",
        "Came back because: We closed too early (was: A new need)",
    ]
    assert events[1].data == {"reason": "closed_too_early", "previous": "new_need"}
    assert AuditRecord.objects.filter(
        user=worker, help_request=again, summary=events[1].summary
    ).exists()


def test_every_link_of_a_request_gets_the_one_reason(locality, worker):
    again = came_back(2)
    # The same phone and the same child: two links to the one earlier request.
    assert again.re_referrals.count() == 2
    queue_services.help_request_tag_came_back(
        help_request=again, user=worker, reason=ReReferralReason.MOVED_IN
    )
    assert set(again.re_referrals.values_list("reason", flat=True)) == {"moved_in"}


def test_only_a_linked_request_can_be_tagged_and_only_with_a_listed_reason(locality, worker):
    first = family_request(3)
    with pytest.raises(ValidationError):
        queue_services.help_request_tag_came_back(
            help_request=first, user=worker, reason=ReReferralReason.OTHER
        )
    again = family_request(3)
    with pytest.raises(ValidationError):
        queue_services.help_request_tag_came_back(
            help_request=again, user=worker, reason="we_do_not_know"
        )
    assert not again.events.filter(kind=EventKind.CAME_BACK_TAGGED).exists()


def test_a_worker_of_another_town_may_not_tag(locality, tipton):
    again = came_back(4)
    outsider = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    with pytest.raises(PermissionDenied):
        queue_services.help_request_tag_came_back(
            help_request=again, user=outsider, reason=ReReferralReason.OTHER
        )
    client = Client()
    login_with_mfa(client, outsider)
    response = client.post(f"/admin/help-requests/{again.pk}/came-back/", {"reason": "other"})
    assert response.status_code == 404
    assert set(ReReferral.objects.filter(help_request=again).values_list("reason", flat=True)) == {
        ""
    }


def test_the_request_page_offers_the_reasons_on_a_re_referral_only(locality, worker):
    again = came_back(5)
    client = Client()
    login_with_mfa(client, worker)
    page = client.get(f"/admin/help-requests/{again.pk}/").content.decode()
    assert "Why did the family come back?" in page
    assert "not said yet" in page
    client.post(f"/admin/help-requests/{again.pk}/came-back/", {"reason": "same_need_not_met"})
    page = client.get(f"/admin/help-requests/{again.pk}/").content.decode()
    assert "<strong>The same need was not met</strong>" in page
    first = again.re_referrals.first().earlier
    assert (
        "Why did the family come back?"
        not in client.get(f"/admin/help-requests/{first.pk}/").content.decode()
    )


def test_repeat_demand_per_town_with_the_avoidable_share(locality, tipton, worker):
    tipton_worker = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    reasons = ["same_need_not_met", "closed_too_early", "new_need", "family_not_engaged"]
    for n, reason in enumerate(reasons, start=10):
        queue_services.help_request_tag_came_back(
            help_request=came_back(n), user=worker, reason=reason
        )
    came_back(20)  # not tagged yet
    queue_services.help_request_tag_came_back(
        help_request=came_back(30, "tipton"), user=tipton_worker, reason="moved_in"
    )
    rows = repeat_demand(requests=HelpRequest.objects.all(), since=timezone.now() - YEAR_AGO)
    oldbury, tipton_row = rows
    assert oldbury["locality"] == "Oldbury"
    assert oldbury["re_referrals"] == 5
    assert oldbury["untagged"] == 1
    assert oldbury["avoidable"] == 2
    assert oldbury["avoidable_share"] == 50.0  # 2 of the 4 with a reason
    assert oldbury["reasons"] == {
        "The same need was not met": 1,
        "A new need": 1,
        "We closed too early": 1,
        "The family did not engage": 1,
        "Moved in from elsewhere": 0,
        "Other": 0,
    }
    assert (tipton_row["locality"], tipton_row["re_referrals"], tipton_row["avoidable_share"]) == (
        "Tipton",
        1,
        0.0,
    )
    # A town with nothing tagged has no share; a worker of Oldbury reads Oldbury only.
    only_untagged = repeat_demand(
        requests=HelpRequest.objects.filter(pk=came_back(40).pk),
        since=timezone.now() - YEAR_AGO,
    )
    assert only_untagged[0]["avoidable_share"] is None
    assert (
        repeat_demand(
            requests=HelpRequest.objects.visible_to(worker), since=timezone.now() - YEAR_AGO
        )[0]["locality"]
        == "Oldbury"
    )
    assert (
        len(
            repeat_demand(
                requests=HelpRequest.objects.visible_to(worker), since=timezone.now() - YEAR_AGO
            )
        )
        == 1
    )


def test_re_referrals_before_the_window_are_left_out(locality, worker):
    again = came_back(50)
    HelpRequest.objects.filter(pk=again.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert repeat_demand(requests=HelpRequest.objects.all(), since=timezone.now() - YEAR_AGO) == []
