""" "Where is my request?" on a phone: a family checks their request with a texted code,
asks for a different worker, and the worker sees it in the queue."""

import re

import pytest

from early_help.asking_for_help import services as journey_services
from early_help.models import EventKind, OutboxMessage
from early_help.staff_access.roles import StaffRole

from ..factories import DraftFactory, complete_answers, staff_member, totp_enable
from .conftest import assert_accessible, sign_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _codes_texted() -> list[str]:
    return [
        re.search(r"\d{6}", text.body).group(0)
        for text in OutboxMessage.objects.filter(template_key="tracking_code").order_by("pk")
    ]


def _enter_reference(page, base_url: str, typed: str) -> None:
    page.goto(base_url + "/ask-for-help/")
    page.get_by_role("link", name="Already asked for help? See where your request is").click()
    page.wait_for_url("**/where-is-my-request/")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()  # nothing typed: the error first
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page)
    page.get_by_label("Your reference").fill(typed)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/where-is-my-request/code/")
    assert_accessible(page)


def test_a_family_checks_their_request_and_asks_for_a_different_worker(
    browser, phone, live_server, request_help_page, locality, sms_templates, daytime, site_settings
):
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    # Typed the way people do: lower case, no FV, a space in the middle.
    typed = help_request.reference.removeprefix("FV-").lower()
    _enter_reference(phone, live_server.url, typed[:2] + " " + typed[2:])
    main = phone.locator("main")
    assert "we have sent a 6-digit code to the mobile number you gave us" in main.inner_text()
    [code] = _codes_texted()

    phone.get_by_label("Code").fill(code)
    phone.get_by_role("button", name="Continue").click()
    phone.wait_for_url("**/where-is-my-request/status/")
    assert_accessible(phone)
    text = main.inner_text()
    assert help_request.reference in text
    assert "We have your request and we are looking at it." in text
    assert "0121 496 0110" in text  # the town team
    assert "We are struggling with rent." not in text
    assert "Sam" not in text  # the child
    assert phone.locator(".govuk-exit-this-page").count() == 1

    phone.get_by_label("Why would you like a different worker? (optional)").fill("We do not get on")
    phone.get_by_role("button", name="Ask for a different worker").click()
    phone.get_by_text("We have told the team you would like a different worker.").wait_for()
    assert_accessible(phone)
    assert phone.csp_errors == []
    assert help_request.events.filter(kind=EventKind.FAMILY_ASKED_CHANGE, actor=None).exists()

    worker = staff_member(
        StaffRole.LOCALITY_WORKER, locality=locality, email="amrit@example.org", first_name="Amrit"
    )
    secret = totp_enable(worker)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in_with_totp(page, live_server.url, "amrit@example.org", secret)
    page.goto(live_server.url + "/admin/help-requests/?family=on")
    row = page.locator("tr", has=page.get_by_role("link", name=help_request.reference))
    row.get_by_text("Family asked online").wait_for()
    page.get_by_role("link", name=help_request.reference).click()
    page.get_by_text("The family asked for something online").wait_for()
    assert "We do not get on" in page.locator(".fv-family-message").inner_text()
    page.get_by_role("button", name="Mark as seen").click()
    page.get_by_text("Saved.").first.wait_for()
    assert page.locator(".fv-family-message").count() == 0
    context.close()


def test_the_status_page_is_refused_without_the_right_code(
    phone, live_server, request_help_page, locality, sms_templates, daytime
):
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    _enter_reference(phone, live_server.url, help_request.reference)
    [code] = _codes_texted()
    wrong = "000000" if code != "000000" else "111111"
    phone.get_by_label("Code").fill(wrong)
    phone.get_by_role("button", name="Continue").click()
    phone.locator(".govuk-error-summary").wait_for()
    assert_accessible(phone)
    assert "That code is not right, or it has run out." in phone.locator("main").inner_text()
    assert phone.get_by_label("Code").input_value() == wrong

    phone.goto(live_server.url + "/ask-for-help/where-is-my-request/status/")
    phone.wait_for_url("**/where-is-my-request/")
    assert "We have your request" not in phone.locator("main").inner_text()
    assert not help_request.events.filter(kind=EventKind.FAMILY_CHECKED).exists()


def test_no_code_is_sent_when_texting_is_not_safe_and_the_page_says_to_phone(
    phone, live_server, request_help_page, locality, sms_templates, daytime
):
    answers = complete_answers(**{"safe-contact": {"may_text": "no"}})
    help_request = journey_services.help_request_submit(draft=DraftFactory(answers=answers))
    _enter_reference(phone, live_server.url, help_request.reference)
    text = phone.locator("main").inner_text()
    assert "If texting is not safe for you, or no code arrives, phone us on 0121 496 0100" in text
    assert phone.get_by_role("link", name="0121 496 0100").get_attribute("href") == (
        "tel:01214960100"
    )
    assert _codes_texted() == []
