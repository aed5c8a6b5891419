""" "Where is my request?": the code, the neutral answer, the status page and what the
family can ask, and the staff switch."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.models import (
    AuditRecord,
    EventKind,
    HelpRequest,
    LeadAgency,
    MashAlert,
    OutboxMessage,
    SmsOptOut,
    TrackingCode,
    UrgentPhrase,
)
from early_help.shared.references import normalise_reference
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import selectors as queue_selectors
from early_help.staff_queue import services as queue_services
from early_help.tracking import rules, services
from tests.factories import DraftFactory, complete_answers, login_with_mfa, staff_member

pytestmark = pytest.mark.django_db

TRACK = "/ask-for-help/where-is-my-request/"
CODE = TRACK + "code/"
STATUS = TRACK + "status/"


def _submit(**overrides) -> HelpRequest:
    answers = complete_answers(
        **{
            "whats-happening": {
                "needs": ["housing"],
                "safe_now": "",
                "description": "Rent arrears since March",
            },
            "help-wanted": {"help_wanted": "Budgeting advice please"},
            "other-agencies": {"involved": "yes", "who": "Brightside Housing Trust"},
            **overrides,
        }
    )
    return journey_services.help_request_submit(draft=DraftFactory(answers=answers))


def _last_code() -> str:
    body = OutboxMessage.objects.filter(template_key="tracking_code").latest("pk").body
    return re.search(r"\d{6}", body).group(0)


def _codes_sent() -> int:
    return OutboxMessage.objects.filter(template_key="tracking_code").count()


@pytest.fixture
def help_request(locality, sms_templates, daytime):
    return _submit()


@pytest.fixture
def family(request_help_page):
    return Client()


def _verify(client, help_request) -> None:
    client.post(TRACK, {"reference": help_request.reference})
    response = client.post(CODE, {"code": _last_code()})
    assert response.status_code == 302
    assert response["Location"] == STATUS


# The rules


@pytest.mark.parametrize(
    "typed", ["FV-7K3Q9", "fv-7k3q9", "7K3Q9", " fv 7k3q9 ", "FV7K3Q9", "7k3-q9"]
)
def test_a_reference_is_found_however_it_is_typed(typed):
    assert normalise_reference(typed) == "FV-7K3Q9"


@pytest.mark.parametrize("typed", ["", "FV-", "FV-7K3Q", "FV-7K3Q9X", "FV-0K3Q9", "hello"])
def test_something_that_cannot_be_a_reference_is_refused(typed):
    assert normalise_reference(typed) is None


def test_a_code_is_six_digits_and_its_hash_is_bound_to_its_request():
    code = rules.new_code()
    assert re.fullmatch(r"\d{6}", code)
    assert rules.code_hash(help_request_id=1, code=code) != rules.code_hash(
        help_request_id=2, code=code
    )
    assert rules.normalise_typed_code(" 123 456 ") == "123456"
    assert rules.normalise_typed_code("12345") is None
    assert rules.normalise_typed_code("１２３４５６") is None  # full-width digits


def test_a_closed_request_stays_visible_for_four_weeks_then_not():
    now = timezone.now()
    common = {"tracking_allowed": True, "anonymised": False, "status": "closed", "now": now}
    assert rules.may_track(closed_at=now - datetime.timedelta(days=27), **common)
    assert not rules.may_track(closed_at=now - datetime.timedelta(days=29), **common)
    assert not rules.may_track(
        tracking_allowed=False, anonymised=False, status="submitted", closed_at=None, now=now
    )


# Issuing and checking the code


def test_a_code_is_texted_and_only_its_hash_is_kept(help_request):
    assert services.tracking_code_issue(reference=help_request.reference)
    code = _last_code()
    stored = TrackingCode.objects.get(help_request=help_request)
    assert code not in stored.code_hash
    assert stored.code_hash == rules.code_hash(help_request_id=help_request.pk, code=code)
    assert stored.expires_at - timezone.now() <= datetime.timedelta(minutes=10)
    assert stored.expires_at - timezone.now() > datetime.timedelta(minutes=9)
    text = OutboxMessage.objects.get(template_key="tracking_code")
    assert text.body == f"Your code is {code}. It works for 10 minutes."
    assert str(text.phone) == "+447700900123"


def test_a_new_code_replaces_the_old_one(help_request):
    services.tracking_code_issue(reference=help_request.reference)
    first = _last_code()
    services.tracking_code_issue(reference=help_request.reference)
    second = _last_code()
    assert TrackingCode.objects.count() == 1
    if first != second:
        assert services.tracking_code_verify(reference=help_request.reference, code=first) is None
    assert services.tracking_code_verify(reference=help_request.reference, code=second)


def test_the_right_code_works_once(help_request):
    services.tracking_code_issue(reference=help_request.reference)
    code = _last_code()
    assert (
        services.tracking_code_verify(reference=help_request.reference, code=code) == help_request
    )
    assert services.tracking_code_verify(reference=help_request.reference, code=code) is None
    assert help_request.events.filter(kind=EventKind.FAMILY_CHECKED, actor=None).exists()


def test_a_code_runs_out_after_ten_minutes(help_request):
    services.tracking_code_issue(reference=help_request.reference)
    code = _last_code()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        assert services.tracking_code_verify(reference=help_request.reference, code=code) is None


def test_five_wrong_codes_kill_the_code(help_request):
    services.tracking_code_issue(reference=help_request.reference)
    code = _last_code()
    wrong = "000000" if code != "000000" else "111111"
    for _attempt in range(5):
        assert services.tracking_code_verify(reference=help_request.reference, code=wrong) is None
    assert TrackingCode.objects.get().attempts == 5
    assert services.tracking_code_verify(reference=help_request.reference, code=code) is None


@pytest.mark.parametrize(
    "make_unsafe",
    [
        lambda hr: hr.safe_contact.__class__.objects.filter(help_request=hr).update(may_text=False),
        lambda hr: SmsOptOut.objects.create(phone=hr.phone),
        lambda hr: HelpRequest.objects.filter(pk=hr.pk).update(tracking_allowed=False),
        lambda hr: HelpRequest.objects.filter(pk=hr.pk).update(anonymised_at=timezone.now()),
        lambda hr: HelpRequest.objects.filter(pk=hr.pk).update(phone="+441214960000"),
    ],
    ids=["may-not-text", "opted-out", "switched-off", "anonymised", "landline"],
)
def test_no_code_is_sent_when_texting_is_not_safe_or_tracking_is_off(help_request, make_unsafe):
    make_unsafe(help_request)
    assert not services.tracking_code_issue(reference=help_request.reference)
    assert _codes_sent() == 0
    assert not TrackingCode.objects.exists()


def test_the_code_is_sent_at_once_even_in_quiet_hours(locality, sms_templates, settings):
    settings.FAMILY_VOICE_SMS_QUIET_HOURS = (21, 8)
    late = datetime.datetime(2026, 11, 27, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(late, tick=False):
        help_request = _submit()
        services.tracking_code_issue(reference=help_request.reference)
        code_text = OutboxMessage.objects.get(template_key="tracking_code")
        acknowledgement = OutboxMessage.objects.get(template_key="request_received")
    assert code_text.send_after == late
    assert acknowledgement.send_after > late  # the rest still waits for the morning


def test_the_code_text_is_delivered_in_quiet_hours(
    locality, sms_templates, settings, django_capture_on_commit_callbacks
):
    settings.FAMILY_VOICE_SMS_QUIET_HOURS = (21, 8)
    late = datetime.datetime(2026, 11, 27, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(late, tick=False):
        help_request = _submit()
        with django_capture_on_commit_callbacks(execute=True):
            services.tracking_code_issue(reference=help_request.reference)
    assert OutboxMessage.objects.get(template_key="tracking_code").status == "sent"


# The pages: the neutral answer


def _code_page(client, reference: str) -> str:
    response = client.post(TRACK, {"reference": reference})
    assert response.status_code == 302
    assert response["Location"] == CODE
    page = client.get(CODE)
    assert page.status_code == 200
    html = page.content.decode()
    # Only the token that guards the form differs from one visitor to the next.
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return html.replace(reference, "REF")


def test_the_answer_after_the_reference_is_the_same_whatever_happens(
    request_help_page, locality, sms_templates, daytime
):
    can_text = _submit()
    cannot_text = _submit(**{"safe-contact": {"may_text": "no"}})
    switched_off = _submit()
    HelpRequest.objects.filter(pk=switched_off.pk).update(tracking_allowed=False)
    pages = {
        "texted": _code_page(Client(), can_text.reference),
        "may not text": _code_page(Client(), cannot_text.reference),
        "switched off": _code_page(Client(), switched_off.reference),
        "no such request": _code_page(Client(), "FV-ZZZZZ"),
    }
    assert _codes_sent() == 1
    assert len(set(pages.values())) == 1, "the pages differ"
    html = pages["texted"]
    assert "If we can text you about this request, we have sent a 6-digit code" in html
    assert "0121 496 0100" in html  # the number to phone instead


def test_pages_of_the_journey_are_never_cached(family, help_request):
    for response in (family.get(TRACK), family.post(TRACK, {"reference": help_request.reference})):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    assert "no-store" in family.get(CODE)["Cache-Control"]


def test_a_mistyped_reference_gets_a_polite_message_and_keeps_what_was_typed(family):
    response = family.post(TRACK, {"reference": "FV-7K"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter your reference, for example FV-7K3Q9" in html
    assert 'value="FV-7K"' in html


def test_a_wrong_code_is_refused_politely(family, help_request):
    family.post(TRACK, {"reference": help_request.reference})
    code = _last_code()
    wrong = "000000" if code != "000000" else "111111"
    response = family.post(CODE, {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right, or it has run out." in response.content.decode()
    assert family.get(STATUS)["Location"] == TRACK


def test_references_are_limited_per_address(family, help_request, settings):
    for _attempt in range(rules.REFERENCES_PER_HOUR):
        assert family.post(TRACK, {"reference": "FV-ZZZZZ"}).status_code == 302
    response = family.post(TRACK, {"reference": help_request.reference})
    assert response.status_code == 429
    assert "Please phone us instead" in response.content.decode()
    assert _codes_sent() == 0


def test_codes_per_reference_are_limited_from_every_address(request_help_page, help_request):
    for number in range(5):
        client = Client(REMOTE_ADDR=f"127.0.0.{number + 1}")
        assert client.post(TRACK, {"reference": help_request.reference}).status_code == 302
    assert _codes_sent() == rules.CODES_PER_REFERENCE_PER_HOUR


def test_wrong_codes_are_limited_per_address(family, help_request):
    family.post(TRACK, {"reference": help_request.reference})
    for _attempt in range(rules.WRONG_CODES_PER_HOUR):
        family.post(CODE, {"code": "999999" if _last_code() != "999999" else "888888"})
    assert family.post(CODE, {"code": _last_code()}).status_code == 429


# The status page


def test_the_status_page_shows_only_what_the_family_may_see(family, help_request, locality):
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    queue_services.help_request_set_lead(
        help_request=help_request,
        user=worker,
        lead_agency=LeadAgency.objects.create(name="Cedar Children's Centre"),
        lead_practitioner="Priya Kaur",
    )
    _verify(family, help_request)
    response = family.get(STATUS)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert help_request.reference in html
    assert "We have your request and we are looking at it." in html
    assert "Your lead practitioner is Priya." in html
    assert "0121 496 0110" in html  # the Oldbury team
    assert help_request.respond_by.strftime("%-d %B") in html
    for risky in (
        "Rent arrears",  # what is happening
        "Budgeting advice",  # help wanted
        "Brightside",  # other agencies
        "Cedar",  # the lead agency
        "Kaur",  # the practitioner's surname
        "Sam",  # the child
        "Bloggs",  # the family's surname
        "B69 4AB",  # the address
        "Somewhere safe and secure to live",  # a need
        "900123",  # the phone number
    ):
        assert risky not in html, risky
    # The template is given the family's view, not the request.
    assert "help_request" not in response.context_data
    assert "Sam" not in repr(response.context_data["family_status"])


def test_a_request_with_mash_duty_reads_like_any_request_being_looked_at(
    family, help_request, locality
):
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    queue_services.help_request_pass_to_mash(
        help_request=help_request, user=worker, reason="Worried about home"
    )
    _verify(family, help_request)
    html = family.get(STATUS).content.decode()
    # The site's footer names the safeguarding hub on every page; the page itself must not.
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    assert "We have your request and we are looking at it." in main
    for word in ("MASH", "afeguarding", "Worried about home"):
        assert word not in main


def test_in_contact_and_closed_requests_read_in_plain_words(family, help_request, locality):
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    queue_services.help_request_record_contact(
        help_request=help_request, user=worker, made_contact=True
    )
    _verify(family, help_request)
    assert "Your lead practitioner will keep in touch." in family.get(STATUS).content.decode()
    queue_services.help_request_change_status(
        help_request=help_request, user=worker, status="closed", outcome="needs_met"
    )
    html = family.get(STATUS).content.decode()
    assert "This request is closed." in html
    assert "Ask for a different worker" not in html


def test_the_status_page_needs_the_code_and_lasts_half_an_hour(family, help_request):
    assert family.get(STATUS)["Location"] == TRACK
    _verify(family, help_request)
    assert family.get(STATUS).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        assert family.get(STATUS)["Location"] == TRACK


def test_switching_tracking_off_closes_an_open_status_page(family, help_request, locality):
    _verify(family, help_request)
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    queue_services.help_request_tracking_set(help_request=help_request, user=worker, allowed=False)
    assert family.get(STATUS)["Location"] == TRACK


# What the family asks or adds


def test_asking_for_a_different_worker_reaches_the_worker(family, help_request, locality):
    _verify(family, help_request)
    response = family.post(STATUS + "different-worker/", {"reason": "We do not get on"})
    assert response.status_code == 302
    assert "We have told the team you would like a different worker" in (
        family.get(STATUS).content.decode()
    )
    help_request.refresh_from_db()
    assert help_request.has_family_message
    event = help_request.events.get(kind=EventKind.FAMILY_ASKED_CHANGE)
    assert event.actor is None
    assert event.data["text"] == "We do not get on"
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    rows = queue_selectors.help_request_queue(user=worker, filters={"family": True})
    assert list(rows) == [help_request]
    assert not MashAlert.objects.exists()


def test_adding_something_needs_words_and_keeps_them_on_error(family, help_request):
    _verify(family, help_request)
    response = family.post(STATUS + "add/", {"text": "   "})
    assert response.status_code == 200
    assert "Enter what you would like to add" in response.content.decode()
    assert not help_request.events.filter(kind=EventKind.FAMILY_ADDED).exists()


def test_urgent_words_added_by_the_family_go_to_mash_duty_and_show_help_now(
    family, help_request, locality
):
    UrgentPhrase.objects.get_or_create(phrase="scared to go home", defaults={"active": True})
    _verify(family, help_request)
    response = family.post(STATUS + "add/", {"text": "My son is scared to go home"})
    assert response.status_code == 302
    html = family.get(STATUS).content.decode()
    assert "You told us you might not be safe." in html
    assert "999" in html
    help_request.refresh_from_db()
    assert help_request.safeguarding_flag
    assert "phrase:scared to go home" in help_request.safeguarding_reasons
    assert MashAlert.objects.filter(
        help_request=help_request, reason="urgent_family_update"
    ).exists()
    event = help_request.events.get(kind=EventKind.FAMILY_ADDED)
    assert event.actor is None
    assert event.data["text"] == "My son is scared to go home"


# The staff side


def test_staff_see_the_familys_message_and_mark_it_seen(help_request, locality):
    services.tracking_change_of_worker_ask(help_request=help_request, reason="Please")
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    client = Client()
    login_with_mfa(client, worker)
    queue = client.get(reverse("help_requests:queue")).content.decode()
    tag = 'w-status--primary">Family asked online'
    assert tag in queue
    detail = client.get(reverse("help_requests:detail", args=[help_request.pk])).content.decode()
    assert "The family asked for something online" in detail
    assert "Family asked for a different worker" in detail
    client.post(reverse("help_requests:act", args=[help_request.pk, "family-seen"]))
    help_request.refresh_from_db()
    assert not help_request.has_family_message
    assert tag not in client.get(reverse("help_requests:queue")).content.decode()


def test_staff_switch_tracking_off_with_an_event_and_an_audit_record(help_request, locality):
    services.tracking_code_issue(reference=help_request.reference)
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    client = Client()
    login_with_mfa(client, worker)
    client.post(
        reverse("help_requests:act", args=[help_request.pk, "tracking"]), {"allowed": "off"}
    )
    help_request.refresh_from_db()
    assert not help_request.tracking_allowed
    assert not TrackingCode.objects.exists()  # a code already sent stops working
    assert help_request.events.filter(kind=EventKind.TRACKING_CHANGED, actor=worker).exists()
    assert AuditRecord.objects.filter(
        help_request=help_request, user=worker, summary__contains="switched off"
    ).exists()


def test_staff_outside_the_town_cannot_switch_it(help_request):
    from tests.factories import LocalityFactory

    elsewhere = staff_member(StaffRole.LOCALITY_WORKER, locality=LocalityFactory(slug="tipton"))
    client = Client()
    login_with_mfa(client, elsewhere)
    response = client.post(
        reverse("help_requests:act", args=[help_request.pk, "tracking"]), {"allowed": "off"}
    )
    assert response.status_code == 404
    help_request.refresh_from_db()
    assert help_request.tracking_allowed
