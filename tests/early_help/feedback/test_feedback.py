"""Feedback on workers: the journey, the urgent signals, privacy and who may read it."""

import pytest
from django.test import Client

from early_help.feedback import selectors as feedback_selectors
from early_help.models import Feedback, UrgentPhrase
from early_help.shared.safeguarding import feedback_urgency
from early_help.shared.selectors import active_phrases
from early_help.staff_access.roles import StaffRole
from tests.factories import login_with_mfa, staff_member

pytestmark = pytest.mark.django_db

URL = "/feedback/"
YOUNG_PERSON = [
    ("who", {"journey_type": "young_person"}),
    ("about", {"about_role": "social_worker", "worker_name": "", "knows_worker": "yes"}),
    ("scales", {"trust": "4", "easy_to_contact": "2", "listens": "5", "explains": "3"}),
    ("changes", {"worker_changed": "yes", "worker_changes": "3"}),
    (
        "words",
        {"feels_safe": "yes", "going_well": "She listens", "could_be_better": "Call back quicker"},
    ),
    ("you", {"anonymous": "yes", "wants_reply": "no"}),
]


def _give(client, steps=YOUNG_PERSON, start=URL + "step/who/"):
    response = None
    for slug, data in steps:
        response = client.post(f"{URL}step/{slug}/", data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
    return response


def test_a_young_person_gives_anonymous_feedback(client, feedback_page):
    response = _give(client)
    assert response["Location"] == URL + "thank-you/"
    feedback = Feedback.objects.get()
    assert (feedback.journey, feedback.trust, feedback.worker_changes) == ("young_person", 4, 3)
    assert feedback.anonymous
    assert feedback.name == ""
    assert not feedback.reply_phone
    assert not feedback.urgent
    assert "A manager reads every answer." in client.get(URL + "thank-you/").content.decode()


def test_anonymous_feedback_stores_nothing_that_identifies(client, feedback_page):
    _give(client, start=URL, steps=YOUNG_PERSON)
    field_names = {f.name for f in Feedback._meta.get_fields()}
    assert not field_names & {"ip_address", "user_agent", "created_at"}
    feedback = Feedback.objects.values().get()
    assert feedback["name"] == ""
    assert feedback["reply_phone"] == ""


def test_not_feeling_safe_makes_it_urgent_for_mash_and_shows_who_to_talk_to(
    client, feedback_page, site_settings
):
    steps = list(YOUNG_PERSON)
    steps[4] = ("words", {"feels_safe": "no"})
    _give(client, steps)
    feedback = Feedback.objects.get()
    assert feedback.urgent
    assert feedback.in_mash_queue
    html = client.get(URL + "thank-you/").content.decode()
    assert "0800 1111" in html
    assert 'href="tel:999"' in html
    assert "Talk to your worker" in html
    mash = staff_member(StaffRole.MASH_DUTY)
    assert feedback_selectors.feedback_visible_to(mash).filter(pk=feedback.pk).exists()


@pytest.mark.parametrize("words", ["I'm scared at home", "I am unhappy where I live"])
def test_urgent_phrases_in_their_words_make_it_urgent(words):
    UrgentPhrase.objects.get_or_create(phrase="i'm scared")
    UrgentPhrase.objects.get_or_create(phrase="unhappy where i live")
    assert feedback_urgency(feels_safe="yes", texts=[words], phrases=active_phrases())


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("who", {}, "Select who is giving feedback"),
        ("about", {}, "Select who your feedback is about"),
        ("scales", {"trust": "4"}, "Choose how easy they are to contact"),
        ("changes", {"worker_changed": "yes"}, "Enter how many times your worker changed"),
        (
            "words",
            {"feels_safe": "yes", "going_well": "x" * 1001},
            "What is going well must be 1000 characters or fewer",
        ),
        (
            "you",
            {"anonymous": "no", "wants_reply": "no"},
            "Enter your name, or choose to keep it anonymous",
        ),
        (
            "you",
            {"anonymous": "yes", "wants_reply": "text", "reply_phone": "07700 900123"},
            "A text reply needs your number",
        ),
        (
            "you",
            {
                "anonymous": "no",
                "name": "Ali",
                "wants_reply": "text",
                "reply_phone": "0121 496 0000",
            },
            "Enter a UK mobile number, like 07700 900 982",
        ),
    ],
)
def test_every_step_explains_what_is_wrong(client, feedback_page, slug, data, message):
    for earlier, answers in YOUNG_PERSON:
        if earlier == slug:
            break
        client.post(f"{URL}step/{earlier}/", answers)
    response = client.post(f"{URL}step/{slug}/", data)
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert message in html
    assert "govuk-error-summary" in html


def test_a_workers_link_fills_in_the_worker(client, feedback_page, feedback_link):
    response = client.get(f"{URL}w/{feedback_link.token}/")
    assert response["Location"] == URL + "step/who/"
    client.post(URL + "step/who/", {"journey_type": "young_person"})
    assert client.get(URL + "step/about/").status_code == 404  # no need to ask
    for slug, data in YOUNG_PERSON[2:]:
        client.post(f"{URL}step/{slug}/", data)
    feedback = Feedback.objects.get()
    assert (feedback.link, feedback.worker_name, feedback.team) == (
        feedback_link,
        "Sam Green",
        feedback_link.team,
    )


def test_a_revoked_link_says_so_kindly(client, feedback_page, feedback_link):
    feedback_link.revoked = True
    feedback_link.save()
    response = client.get(f"{URL}w/{feedback_link.token}/")
    assert response.status_code == 410
    assert "This link no longer works" in response.content.decode()
    assert client.get(f"{URL}w/no-such-token/").status_code == 404


def test_named_feedback_is_seen_by_the_workers_managers_not_the_worker(
    client, feedback_page, feedback_link, locality
):
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    feedback_link.worker = worker
    feedback_link.save()
    client.get(f"{URL}w/{feedback_link.token}/")
    steps = [s for s in YOUNG_PERSON if s[0] != "about"]
    steps[-1] = ("you", {"anonymous": "no", "name": "Ali", "wants_reply": "worker"})
    for slug, data in steps:
        client.post(f"{URL}step/{slug}/", data)
    named = Feedback.objects.get()
    manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=locality)
    other_manager = staff_member(StaffRole.LOCALITY_MANAGER)
    assert feedback_selectors.feedback_visible_to(manager).filter(pk=named.pk).exists()
    assert not feedback_selectors.feedback_visible_to(other_manager).exists()
    assert not feedback_selectors.feedback_visible_to(worker).exists()
    assert not feedback_selectors.feedback_about_me(
        worker
    ).exists()  # named: the worker never sees it
    staff = Client()
    login_with_mfa(staff, worker)
    assert staff.get(f"/admin/feedback/{named.pk}/").status_code == 403
    assert staff.get("/admin/feedback/mine/").status_code == 200


def test_a_worker_sees_their_anonymous_feedback_without_details(
    client, feedback_page, feedback_link, locality
):
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    feedback_link.worker = worker
    feedback_link.save()
    client.get(f"{URL}w/{feedback_link.token}/")
    for slug, data in [s for s in YOUNG_PERSON if s[0] != "about"]:
        client.post(f"{URL}step/{slug}/", data)
    staff = Client()
    login_with_mfa(staff, worker)
    html = staff.get("/admin/feedback/mine/").content.decode()
    assert "She listens" in html
    assert (
        Feedback.objects.get().received_on.strftime("%Y")
        not in html.split("Feedback about me")[-1].split("</main>")[0]
    )


def test_a_manager_acknowledges_replies_by_text_and_records_you_said_we_did(
    client,
    feedback_page,
    locality,
    feedback_link,
    sms_templates,
    daytime,
    django_capture_on_commit_callbacks,
):
    from early_help.texts import backends

    backends.outbox.clear()
    client.get(f"{URL}w/{feedback_link.token}/")
    steps = [s for s in YOUNG_PERSON if s[0] != "about"]
    steps[-1] = (
        "you",
        {"anonymous": "no", "name": "Ali", "wants_reply": "text", "reply_phone": "07700 900444"},
    )
    for slug, data in steps:
        client.post(f"{URL}step/{slug}/", data)
    feedback = Feedback.objects.get()
    manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=locality)
    staff = Client()
    login_with_mfa(staff, manager)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/feedback/{feedback.pk}/acknowledge/", {"reply_by_text": "1"})
    assert backends.outbox[-1].to == "+447700900444"
    # The text is linked to the feedback, so its page lists it under Texts.
    [reply] = feedback.texts.all()
    assert reply.body.endswith(f"ref {feedback.reference}.")
    assert reply.body in staff.get(f"/admin/feedback/{feedback.pk}/").content.decode()
    staff.post(
        f"/admin/feedback/{feedback.pk}/you-said-we-did/",
        {
            "you_said_we_did": "Workers now ring back within a day.",
            "approved_to_quote": "1",
            "quote": "Call back quicker",
        },
    )
    feedback.refresh_from_db()
    assert feedback.status == "acted_on"
    assert feedback.approved_to_quote
    assert staff.get("/admin/feedback/report/").status_code == 200


def test_the_qr_code_points_at_the_workers_link(feedback_page, feedback_link, locality):
    manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=locality)
    staff = Client()
    login_with_mfa(staff, manager)
    svg = staff.get(f"/admin/feedback/links/{feedback_link.pk}/qr.svg/")
    assert svg.status_code == 200
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    png = staff.get(f"/admin/feedback/links/{feedback_link.pk}/qr.png/")
    assert png.content.startswith(b"\x89PNG")
    assert (
        feedback_selectors.feedback_link_url(feedback_link)
        == f"https://familyvoice.example.org/feedback/w/{feedback_link.token}/"
    )


def test_feedback_sent_after_its_link_was_revoked_is_still_saved(
    client, feedback_page, feedback_link
):
    client.get(f"{URL}w/{feedback_link.token}/")
    steps = [s for s in YOUNG_PERSON if s[0] != "about"]
    for slug, data in steps[:-1]:
        client.post(f"{URL}step/{slug}/", data)
    feedback_link.revoked = True  # a manager revokes it while the young person is answering
    feedback_link.save()
    response = client.post(f"{URL}step/you/", steps[-1][1])
    assert response.status_code == 302
    assert response["Location"] == URL + "thank-you/"
    feedback = Feedback.objects.get()
    assert feedback.link == feedback_link
    assert feedback.worker_name == "Sam Green"
    assert feedback.could_be_better == "Call back quicker"


def test_the_staff_feedback_page_has_a_title_and_shows_answers_in_words(
    client, feedback_page, locality, feedback_link
):
    client.get(f"{URL}w/{feedback_link.token}/")
    steps = [s for s in YOUNG_PERSON if s[0] != "about"]
    steps[3] = ("words", {"feels_safe": "yes", "going_well": "", "could_be_better": ""})
    steps[2] = ("changes", {"worker_changed": "not_sure"})
    for slug, data in steps:
        client.post(f"{URL}step/{slug}/", data)
    feedback = Feedback.objects.get()
    manager = staff_member(StaffRole.LOCALITY_MANAGER, locality=locality)
    staff = Client()
    login_with_mfa(staff, manager)
    html = staff.get(f"/admin/feedback/{feedback.pk}/").content.decode()
    assert f"<title>{feedback.reference}" in html
    assert f">{feedback.reference}</h1>" in html.replace("\n", "").replace("  ", "")
    assert "I&#x27;m not sure" in html
    assert "not_sure" not in html


def test_an_unsafe_answer_is_saved_and_flagged_at_once_and_help_shows_next(
    client, feedback_page, django_capture_on_commit_callbacks
):
    steps = [s for s in YOUNG_PERSON if s[0] != "you"]
    steps[-1] = ("words", {"feels_safe": "no", "could_be_better": "Nobody listens"})
    with django_capture_on_commit_callbacks(execute=True):
        for slug, data in steps:
            client.post(f"{URL}step/{slug}/", data)
    # They may stop here: what they said is already with MASH duty.
    feedback = Feedback.objects.get()
    assert feedback.urgent
    assert feedback.in_mash_queue
    assert feedback.could_be_better == "Nobody listens"
    assert feedback.mash_alerts.count() == 1
    html = client.get(URL + "step/you/").content.decode()
    assert "0800 1111" in html
    assert 'href="tel:999"' in html
    assert "Talk to your worker" in html
    # If they carry on, the same feedback is completed, not sent twice.
    response = client.post(
        URL + "step/you/", {"anonymous": "no", "name": "Kai", "wants_reply": "worker"}
    )
    assert response["Location"] == URL + "thank-you/"
    feedback = Feedback.objects.get()
    assert feedback.name == "Kai"
    assert feedback.wants_reply == "worker"


def test_feedback_that_is_not_urgent_is_saved_only_when_sent(client, feedback_page):
    for slug, data in YOUNG_PERSON[:-1]:
        client.post(f"{URL}step/{slug}/", data)
    assert not Feedback.objects.exists()
    assert "0800 1111" not in client.get(URL + "step/you/").content.decode()
