"""Staff who are not caseworkers do their jobs in the Wagtail admin from their role alone:
comms editors and approvers, locality managers with feedback links, and the locality data
editor. Each is refused request and feedback data they have no business with.

axe runs on the public pages these jobs change, not on Wagtail's admin (not ours to fix).
"""

import re

import pytest

from early_help.asking_for_help import services as journey_services
from early_help.models import (
    FeedbackLink,
    HelpRequestDraft,
    PostcodeSector,
    SmsTemplate,
    SmsTemplateKey,
)
from early_help.staff_access.roles import StaffRole

from ..factories import (
    DraftFactory,
    LocalityFactory,
    PostcodeSectorFactory,
    complete_answers,
    staff_member,
    totp_enable,
)
from .conftest import assert_accessible, sign_in_with_totp
from .test_request_help import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def staff_browser(browser, live_server):
    """Sign a member of staff in, as staff do (password and authenticator code), in their
    own desktop browser window."""
    contexts = []

    def sign_in(role, email, locality=None):
        user = staff_member(role, locality=locality, email=email)
        context = browser.new_context(viewport=DESKTOP)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in_with_totp(page, live_server.url, email, totp_enable(user))
        return page

    yield sign_in
    for context in contexts:
        context.close()


@pytest.fixture
def tipton_request(locality):
    tipton = LocalityFactory(name="Tipton", slug="tipton")
    PostcodeSectorFactory(locality=tipton, sector="DY4 7")
    return journey_services.help_request_submit(
        draft=DraftFactory(
            answers=complete_answers(
                _route={"kind": "locality", "locality": "tipton", "council": None}
            )
        )
    )


def _status(page, url: str) -> int:
    return page.goto(url).status


def _refused_request_and_feedback_data(page, base: str, help_request) -> None:
    for path in (
        "/admin/help-requests/",
        f"/admin/help-requests/{help_request.pk}/",
        "/admin/feedback/",
        "/admin/feedback/report/",
    ):
        assert _status(page, base + path) in (403, 404), path


def test_a_comms_editor_edits_texts_and_settings_and_an_approver_publishes_their_page(
    staff_browser, live_server, phone, standard_page, site_settings, sms_templates, tipton_request
):
    base = live_server.url
    editor = staff_browser(StaffRole.COMMS_EDITOR, "tom.bailey@example.org")

    # The words of a text message.
    template = SmsTemplate.objects.get(key=SmsTemplateKey.TRY_TO_CALL, locale__language_code="en")
    editor.goto(f"{base}/admin/snippets/early_help/smstemplate/")
    editor.goto(f"{base}/admin/snippets/early_help/smstemplate/edit/{template.pk}/")
    editor.locator("#id_body").fill("Sorry we missed you about ref {reference}. Call {team_phone}.")
    editor.get_by_role("button", name="Save", exact=True).click()
    editor.locator(".messages .success").wait_for()
    template.refresh_from_db()
    assert template.body == "Sorry we missed you about ref {reference}. Call {team_phone}."

    # The MASH number in site settings, as every public page shows it.
    editor.goto(f"{base}/admin/settings/cms/sitesettings/{site_settings.site_id}/")
    editor.get_by_label("MASH phone").fill("0121 496 0777")
    editor.get_by_role("button", name="Save").click()
    editor.locator(".messages .success").wait_for()
    site_settings.refresh_from_db()
    assert site_settings.mash_phone == "0121 496 0777"

    # A page, submitted for moderation: an editor cannot publish.
    editor.goto(f"{base}/admin/pages/{standard_page.pk}/edit/")
    editor.locator("#id_title").fill("What early help means")
    editor.locator("footer [data-w-dropdown-target=toggle]").last.click()
    editor.get_by_role("button", name=re.compile(r"^Submit to ")).click()
    editor.locator(".messages .success").wait_for()
    standard_page.refresh_from_db()
    assert standard_page.title == "What is early help?"  # not live yet
    assert standard_page.workflow_in_progress

    _refused_request_and_feedback_data(editor, base, tipton_request)

    # The approver approves it, and it goes live.
    approver = staff_browser(StaffRole.COMMS_APPROVER, "nadia.rahman@example.org")
    approver.goto(f"{base}/admin/pages/{standard_page.pk}/edit/")
    approver.locator("footer [data-w-dropdown-target=toggle]").last.click()
    approver.get_by_role("button", name="Approve and Publish", exact=True).click()
    approver.locator(".messages .success").wait_for()
    standard_page.refresh_from_db()
    assert standard_page.live
    assert standard_page.title == "What early help means"
    assert not standard_page.has_unpublished_changes

    # What a family now sees, on their phone.
    phone.goto(base + standard_page.url)
    assert phone.locator("h1").inner_text() == "What early help means"
    assert "0121 496 0777" in phone.content()  # the MASH number the editor set
    assert_accessible(phone)

    _refused_request_and_feedback_data(approver, base, tipton_request)


def test_a_manager_revokes_and_reissues_a_workers_feedback_link(
    staff_browser, live_server, phone, feedback_page, feedback_link, locality, tipton_request
):
    base = live_server.url
    tipton_link = FeedbackLink.objects.create(
        worker_name="Kasia Nowak", worker_role="early_help_worker", team=tipton_request.locality
    )
    manager = staff_browser(StaffRole.LOCALITY_MANAGER, "grace.okafor@example.org", locality)
    old_token = feedback_link.token

    manager.goto(f"{base}/admin/feedback/")
    assert manager.get_by_role("button", name="Revoke Kasia Nowak's link").count() == 0
    manager.get_by_role("button", name="Revoke Sam Green's link").click()
    manager.get_by_text("Sam Green's link is revoked").wait_for()

    phone.goto(f"{base}/feedback/w/{old_token}/")
    phone.get_by_role("heading", name="This link no longer works").wait_for()
    assert_accessible(phone)

    manager.get_by_role("button", name="Reissue Sam Green's link").click()
    manager.get_by_text("Sam Green has a new link").wait_for()
    feedback_link.refresh_from_db()
    assert feedback_link.token != old_token
    assert not feedback_link.revoked

    phone.goto(f"{base}/feedback/w/{old_token}/")
    phone.get_by_role("heading", name="This link no longer works").wait_for()
    phone.goto(f"{base}/feedback/w/{feedback_link.token}/")
    phone.wait_for_url("**/feedback/step/who/")
    assert_accessible(phone)

    # Another town's link, and another town's request, are out of reach.
    response = manager.request.post(f"{base}/admin/feedback/links/{tipton_link.pk}/revoke/")
    assert response.status in (403, 404)
    assert not FeedbackLink.objects.get(pk=tipton_link.pk).revoked
    assert _status(manager, f"{base}/admin/help-requests/{tipton_request.pk}/") == 404


def test_a_locality_data_editor_adds_a_postcode_sector_and_families_there_are_routed_to_the_town(
    staff_browser, live_server, phone, request_help_page, site_settings, locality, tipton_request
):
    base = live_server.url
    data_editor = staff_browser(StaffRole.LOCALITY_DATA_EDITOR, "owen.davies@example.org")

    data_editor.goto(f"{base}/admin/snippets/early_help/locality/edit/{locality.pk}/")
    data_editor.get_by_role("button", name="Add sector").click()
    data_editor.locator("input[name$='-sector']").last.fill("b69 9")
    data_editor.get_by_role("button", name="Save", exact=True).click()
    data_editor.locator(".messages .success").wait_for()
    assert PostcodeSector.objects.get(sector="B69 9").locality == locality

    _refused_request_and_feedback_data(data_editor, base, tipton_request)

    journey = Journey(phone, base)
    journey.start()
    journey.who("parent_carer")
    journey.about_you(postcode="B69 9QF")
    journey.at("contact")  # a known town: no "which town is nearest?" question
    draft = HelpRequestDraft.objects.latest("pk")
    assert draft.answers["_route"] == {
        "kind": "locality",
        "locality": "oldbury",
        "council": None,
        "member_council": locality.council_id,  # the town's council will help
    }
