"""A worker says what a request is waiting for; the town's manager reads the hours lost."""

import datetime

import pytest
from django.utils import timezone

from early_help.blockages.defaults import blockage_reasons_ensure
from early_help.blockages.services import blockage_start
from early_help.models import Blockage, BlockageReason, EventKind
from early_help.staff_access.roles import StaffRole
from early_help.waiting_times.services import status_spells_refresh

from ..factories import (
    LocalityFactory,
    PostcodeSectorFactory,
    family_request,
    staff_member,
    totp_enable,
)
from .conftest import sign_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def test_a_worker_marks_a_request_waiting_and_the_manager_sees_the_hours_lost(browser, live_server):
    blockage_reasons_ensure(BlockageReason)  # a transactional test starts with empty tables
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    PostcodeSectorFactory(locality=tipton, sector="DY4 7")
    help_request = family_request(1, "tipton")
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton, email="kim@example.org")
    manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=tipton, email="lee@example.org")

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in_with_totp(page, live_server.url, "kim@example.org", totp_enable(worker))
    page.goto(f"{live_server.url}/admin/help-requests/{help_request.pk}/")
    page.get_by_label("What is it waiting for?").select_option(
        label="Waiting for a health visitor decision"
    )
    page.get_by_role("button", name="Mark as waiting").click()
    page.get_by_text("Saved.").first.wait_for()
    assert "Waiting for a health visitor decision" in page.locator("#waiting-now").inner_text()
    page.get_by_role("button", name="Waiting is over").wait_for()
    page.goto(f"{live_server.url}/admin/help-requests/")
    page.get_by_text("Waiting: Waiting for a health visitor decision").wait_for()
    context.close()

    blockage = Blockage.objects.get(help_request=help_request, cleared_at__isnull=True)
    assert blockage.started_by == worker
    assert help_request.events.filter(kind=EventKind.WAITING_STARTED, actor=worker).exists()
    # As if the request had been waiting since yesterday morning.
    blockage.started_at = timezone.now() - datetime.timedelta(hours=30)
    blockage.save(update_fields=["started_at"])

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in_with_totp(page, live_server.url, "lee@example.org", totp_enable(manager))
    page.goto(f"{live_server.url}/admin/help-requests/reports/")
    section = page.locator("section", has=page.get_by_role("heading", name="Where requests wait"))
    row = section.get_by_role("row", name="Tipton")
    reason, hours, waits, still_waiting = row.get_by_role("cell").all_inner_texts()
    assert reason.startswith("Waiting for a health visitor decision")
    assert (hours, waits, still_waiting) == ("30.0", "1", "1")
    context.close()


def _waiting_since(help_request, days: float) -> None:
    """As if the request had come in `days` ago: its timeline is dated back and its time
    at each stage worked out again from it."""
    back = datetime.timedelta(days=days)
    for event in help_request.events.all():
        event.created_at -= back
        event.save(update_fields=["created_at"])
    for blockage in Blockage.objects.filter(help_request=help_request):
        blockage.started_at -= back
        blockage.save(update_fields=["started_at"])
    help_request.submitted_at -= back
    help_request.save(update_fields=["submitted_at"])
    status_spells_refresh(help_request=help_request)


def test_a_manager_finds_the_longest_waiting_tipton_requests_and_what_they_wait_for(
    browser, live_server
):
    blockage_reasons_ensure(BlockageReason)
    oldbury = LocalityFactory(name="Oldbury", slug="oldbury")
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    PostcodeSectorFactory(locality=tipton, sector="DY4 7")
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=tipton)
    manager = staff_member(StaffRole.SERVICE_MANAGER, email="helen@example.org")
    longest, newer, other_town = (
        family_request(1, "tipton"),
        family_request(2, "tipton"),
        family_request(3, "oldbury"),
    )
    blockage_start(
        help_request=longest,
        user=worker,
        reason=BlockageReason.objects.get(name="Waiting for a health visitor decision"),
    )
    _waiting_since(longest, 6)
    _waiting_since(newer, 2)
    _waiting_since(other_town, 9)
    assert other_town.locality == oldbury

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in_with_totp(page, live_server.url, "helen@example.org", totp_enable(manager))
    page.goto(f"{live_server.url}/admin/help-requests/reports/")
    page.get_by_label("Town").select_option(label="Tipton")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**locality=tipton**")
    table = page.locator("table", has=page.get_by_role("columnheader", name="Waiting at"))
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    first = rows.nth(0).get_by_role("cell").all_inner_texts()
    assert rows.nth(0).get_by_role("rowheader").inner_text() == longest.reference
    assert first[:3] == ["Tipton", "Submitted", "Waiting for a health visitor decision"]
    assert rows.nth(1).get_by_role("rowheader").inner_text() == newer.reference
    assert other_town.reference not in table.inner_text()

    page.get_by_role("link", name=longest.reference).click()
    assert "Waiting for a health visitor decision" in page.locator("#waiting-now").inner_text()
    context.close()
