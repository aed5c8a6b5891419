"""A worker says what a request is waiting for; the town's manager reads the hours lost."""

import datetime

import pytest
from django.utils import timezone

from early_help.blockages.defaults import blockage_reasons_ensure
from early_help.models import Blockage, BlockageReason, EventKind
from early_help.staff_access.roles import StaffRole

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
