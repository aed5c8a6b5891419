"""Young people giving feedback on a phone, and a manager closing the loop."""

import pytest

from early_help.models import Feedback

from ..factories import staff_member, totp_enable
from .conftest import assert_accessible, sign_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _answer_all_steps(page, *, feels_safe="yes", check=True):
    def at(slug):
        page.wait_for_url(f"**/step/{slug}/")
        if check:
            assert_accessible(page)
            page.locator("main button[type=submit]").click()  # errors first
            page.locator(".govuk-error-summary").wait_for()
            assert_accessible(page)

    def submit():
        page.locator("main button[type=submit]").click()

    at("who")
    page.locator("input[name=journey_type][value=young_person]").check()
    submit()
    at("scales")
    for name, value in (
        ("trust", "4"),
        ("easy_to_contact", "2"),
        ("listens", "5"),
        ("explains", "3"),
    ):
        page.locator(f"input[name={name}][value='{value}']").check()
    submit()
    at("changes")
    page.locator("input[name=worker_changed][value=yes]").check()
    page.fill("#id_worker_changes", "3")
    submit()
    at("words")
    page.locator(f"input[name=feels_safe][value={feels_safe}]").check()
    page.fill("#id_going_well", "She listens to me")
    submit()
    at("you")
    page.locator("input[name=anonymous][value=yes]").check()
    page.locator("input[name=wants_reply][value=no]").check()
    submit()
    page.wait_for_url("**/thank-you/")


def test_a_young_person_gives_feedback_through_a_workers_qr_link(
    phone, live_server, feedback_page, feedback_link, site_settings
):
    phone.goto(f"{live_server.url}/feedback/w/{feedback_link.token}/")
    assert "Sam Green" in phone.locator("main").inner_text()
    _answer_all_steps(phone)
    assert_accessible(phone)
    feedback = Feedback.objects.get()
    assert feedback.link == feedback_link
    assert not feedback.urgent
    assert phone.csp_errors == []


def test_emoji_scales_are_read_by_their_words(phone, live_server, feedback_page, feedback_link):
    phone.goto(f"{live_server.url}/feedback/w/{feedback_link.token}/")
    phone.locator("input[name=journey_type][value=young_person]").check()
    phone.locator("main button[type=submit]").click()
    phone.wait_for_url("**/step/scales/")
    # The accessible name is the words; the face is hidden from screen readers.
    assert phone.get_by_role("radio", name="Always", exact=True).count() == 4
    box = phone.locator("label[for=id_trust_0]").bounding_box()
    assert box["height"] >= 24  # a comfortable tap target


def test_an_unsafe_answer_shows_help_now_and_reaches_mash_duty(
    phone, live_server, feedback_page, feedback_link, site_settings
):
    phone.goto(f"{live_server.url}/feedback/w/{feedback_link.token}/")
    _answer_all_steps(phone, feels_safe="no", check=False)
    text = phone.locator("main").inner_text()
    assert "0800 1111" in text
    assert "999" in text
    assert "Talk to your worker" in text
    assert_accessible(phone)
    feedback = Feedback.objects.get()
    assert feedback.urgent
    assert feedback.in_mash_queue


def test_feedback_in_urdu_is_accessible_at_every_step(
    phone, live_server, urdu_feedback_page, feedback_link, site_settings
):
    phone.goto(f"{live_server.url}/ur/feedback/w/{feedback_link.token}/")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    _answer_all_steps(phone)
    assert Feedback.objects.count() == 1


def test_a_manager_records_you_said_we_did_and_it_is_published(
    browser, phone, live_server, feedback_page, feedback_link, locality, home_page
):
    from cms.models import YouSaidWeDidItem, YouSaidWeDidPage
    from early_help.feedback import services as feedback_services
    from early_help.staff_access.roles import StaffRole

    feedback = feedback_services.feedback_record(
        answers={
            "who": {"journey_type": "young_person"},
            "scales": {"trust": "2", "easy_to_contact": "1", "listens": "3", "explains": "2"},
            "changes": {"worker_changed": "no"},
            "words": {"feels_safe": "yes", "could_be_better": "Sam never rings back"},
            "you": {"anonymous": "yes", "wants_reply": "no"},
        },
        link=feedback_link,
    )
    manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=locality, email="grace@example.org")
    secret = totp_enable(manager)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in_with_totp(page, live_server.url, "grace@example.org", secret, start="/admin/feedback/")
    page.get_by_role("link", name=f"FB-{feedback.pk}").click()
    page.fill("#ysw", "Workers now ring back within one working day.")
    page.get_by_label("Approved to quote on the public 'You said, we did' page").check()
    page.fill("#quote", "My worker never rings back.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved.").first.wait_for()
    context.close()

    # Comms staff choose it for the published page (only approved feedback can be chosen).
    choices = YouSaidWeDidItem._meta.get_field("feedback").get_limit_choices_to()
    assert Feedback.objects.filter(**choices).get() == feedback
    published = YouSaidWeDidPage(
        title="You said, we did", slug="you-said-we-did", lead="What we changed."
    )
    home_page.add_child(instance=published)
    YouSaidWeDidItem.objects.create(page=published, feedback=feedback)
    published.save_revision().publish()

    phone.goto(live_server.url + "/you-said-we-did/")
    text = phone.locator("main").inner_text()
    assert "My worker never rings back." in text
    assert "Workers now ring back within one working day." in text
    assert "Sam never rings back" not in text  # only the anonymised quote is published
    assert_accessible(phone)
