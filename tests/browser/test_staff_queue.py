"""A locality worker's day: sign in with an authenticator code, pick up a request, call the family."""

import pytest

from early_help.asking_for_help import services as journey_services
from early_help.models import EventKind, HelpRequest
from early_help.staff_access.roles import StaffRole

from ..factories import DraftFactory, staff_member, totp_enable
from .conftest import sign_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_signs_in_with_totp_claims_a_new_request_and_records_contact(
    browser, live_server, locality, sms_templates, daytime
):
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    worker = staff_member(
        StaffRole.LOCALITY_WORKER, locality=locality, email="amrit@example.org", first_name="Amrit"
    )
    secret = totp_enable(worker)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/admin/")
    assert "/accounts/login/" in page.url
    sign_in_with_totp(page, live_server.url, "amrit@example.org", secret)

    page.goto(live_server.url + "/admin/help-requests/?assigned=nobody")
    page.get_by_role("link", name=help_request.reference).click()
    page.get_by_text("No voicemail").wait_for()
    page.get_by_role("button", name="Claim").click()
    page.get_by_text("Saved.").first.wait_for()
    page.get_by_label("Yes, we spoke").check()
    page.get_by_label("Note").first.fill("Spoke to Jo, visit booked for Tuesday")
    page.get_by_role("button", name="Record contact").click()
    page.get_by_text("Spoke to the family: Spoke to Jo, visit booked for Tuesday").wait_for()
    page.get_by_label("We tried to call").check()
    assert (
        "we tried to call you about ref " + help_request.reference
        in page.locator(".fv-text-preview").nth(1).inner_text()
    )
    page.get_by_role("button", name="Send text").click()
    page.get_by_text("Text queued: We tried to call").wait_for()

    help_request.refresh_from_db()
    assert help_request.assigned_to == worker
    assert help_request.first_contact_at is not None
    assert help_request.events.filter(kind=EventKind.CONTACT_ATTEMPT, actor=worker).exists()
    assert HelpRequest.objects.count() == 1
    context.close()
