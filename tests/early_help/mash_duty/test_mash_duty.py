"""MASH duty is told at once about anything urgent, and the site never promises what
nobody will do: out of hours it gives the emergency duty team and 999."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client

from early_help.asking_for_help import services as journey_services
from early_help.mash_duty.delivery import mash_alert_deliver
from early_help.mash_duty.rules import mash_is_open, mash_next_opening
from early_help.models import MashAlert, MashDutySettings, OutboxMessage
from early_help.staff_access.roles import StaffRole
from early_help.staff_queue import services as queue_services
from early_help.texts import backends
from tests.cms.journey import PARENT_STEPS, URL, walk
from tests.factories import DraftFactory, complete_answers, staff_member

UK = ZoneInfo("Europe/London")
HOURS = {
    "opens_at": datetime.time(8, 45),
    "closes_at": datetime.time(17, 15),
    "closes_at_friday": datetime.time(16, 45),
}
TUESDAY_MORNING = datetime.datetime(2026, 12, 1, 11, 0, tzinfo=UK)
SATURDAY_EVENING = datetime.datetime(2026, 11, 28, 19, 30, tzinfo=UK)
URGENT = {"whats-happening": {"needs": ["safety"], "safe_now": "", "description": "Kim Doe"}}


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (datetime.datetime(2026, 12, 1, 8, 44), False),  # Tuesday, before opening
        (datetime.datetime(2026, 12, 1, 8, 45), True),
        (datetime.datetime(2026, 12, 1, 17, 14), True),
        (datetime.datetime(2026, 12, 1, 17, 15), False),
        (datetime.datetime(2026, 12, 4, 16, 50), False),  # Friday closes earlier
        (datetime.datetime(2026, 11, 28, 11, 0), False),  # Saturday
        (datetime.datetime(2026, 12, 25, 11, 0), False),  # Christmas Day
        (datetime.datetime(2026, 8, 31, 11, 0), False),  # summer bank holiday
    ],
)
def test_mash_is_open_on_working_days_in_its_hours_only(moment, is_open):
    assert mash_is_open(moment.replace(tzinfo=UK), **HOURS) is is_open


def test_it_next_opens_on_the_next_working_morning():
    assert mash_next_opening(SATURDAY_EVENING, **HOURS) == datetime.datetime(
        2026, 11, 30, 8, 45, tzinfo=UK
    )
    christmas_eve = datetime.datetime(2026, 12, 24, 18, 0, tzinfo=UK)
    assert mash_next_opening(christmas_eve, **HOURS) == datetime.datetime(
        2026, 12, 29, 8, 45, tzinfo=UK
    )


@pytest.fixture
def duty(home_page):
    settings = MashDutySettings.for_site(home_page.get_site())
    settings.alert_email = "mash.duty.inbox@example.org"
    settings.alert_phone = "+447700900777"
    settings.save()
    backends.outbox.clear()
    return settings


@pytest.mark.django_db
def test_an_urgent_request_sends_exactly_one_alert_with_no_personal_detail(
    locality, duty, django_capture_on_commit_callbacks
):
    answers = complete_answers(**URGENT)
    draft = DraftFactory(answers=answers)
    # At night: the alert must not wait for the families' quiet hours.
    night = datetime.datetime(2026, 12, 1, 23, 30, tzinfo=UK)
    with time_machine.travel(night, tick=False), django_capture_on_commit_callbacks(execute=True):
        help_request = journey_services.help_request_submit(draft=draft)
        journey_services.help_request_submit(draft=draft)  # a double tap
    assert MashAlert.objects.count() == 1
    [email] = mail.outbox
    assert email.to == ["mash.duty.inbox@example.org"]
    [text] = [t for t in backends.outbox if t.to == "+447700900777"]
    link = f"/admin/help-requests/{help_request.pk}/"
    for message in (email.subject + email.body, text.body):
        assert help_request.reference in message
        for personal in ("Jo", "Bloggs", "7700900123", "Kim Doe", "B69"):
            assert personal not in message
    assert link in email.body
    assert link in text.body
    # Running the task again sends nothing more.
    assert mash_alert_deliver(alert_id=MashAlert.objects.get().pk) == []
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_request_that_is_not_urgent_alerts_nobody(locality, duty):
    journey_services.help_request_submit(draft=DraftFactory())
    assert not MashAlert.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_worker_passing_a_request_to_mash_alerts_the_duty_team(
    locality, duty, django_capture_on_commit_callbacks
):
    help_request = journey_services.help_request_submit(draft=DraftFactory())
    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    with django_capture_on_commit_callbacks(execute=True):
        queue_services.help_request_pass_to_mash(
            help_request=help_request, user=worker, reason="Bruises seen at school"
        )
    [email] = mail.outbox
    assert help_request.reference in email.subject
    assert "Bruises" not in email.body


@pytest.mark.django_db
def test_urgent_feedback_alerts_the_duty_team(
    client, feedback_page, duty, django_capture_on_commit_callbacks
):
    from tests.early_help.feedback.test_feedback import YOUNG_PERSON

    steps = [*YOUNG_PERSON[:-2], ("words", {"feels_safe": "no"}), YOUNG_PERSON[-1]]
    with django_capture_on_commit_callbacks(execute=True):
        for slug, data in steps:
            client.post(f"/feedback/step/{slug}/", data)
    [alert] = MashAlert.objects.all()
    assert alert.feedback is not None
    [email] = mail.outbox
    assert alert.feedback.reference in email.subject


@pytest.mark.django_db
def test_alerts_with_nowhere_to_go_are_recorded_as_not_sent_anywhere(
    locality, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        journey_services.help_request_submit(draft=DraftFactory(answers=complete_answers(**URGENT)))
    alert = MashAlert.objects.get()
    assert alert.sent_at is not None
    assert alert.channels == []
    assert not OutboxMessage.objects.filter(to_staff=True).exists()


def _urgent_walk(client):
    steps = [
        (slug, {"needs": ["safety"], "description": ""} if slug == "whats-happening" else data)
        for slug, data in PARENT_STEPS
    ]
    walk(client, steps)
    client.post(URL + "check-your-answers/", {"website": ""})
    return client.get(URL + "sent/").content.decode()


@pytest.mark.django_db
def test_the_confirmation_says_someone_looks_today_only_when_mash_is_open(
    request_help_page, site_settings
):
    site_settings.out_of_hours_phone = "0121 496 0555"
    site_settings.save()
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        open_page = _urgent_walk(Client())
    assert "Someone will look at it today" in open_page
    with time_machine.travel(SATURDAY_EVENING, tick=False):
        closed_page = _urgent_walk(Client())
    assert "Someone will look at it today" not in closed_page
    assert "closed now" in closed_page
    assert "Monday 30 November" in closed_page
    assert "0121 496 0555" in closed_page
    assert 'href="tel:999"' in closed_page


@pytest.mark.django_db
def test_urgent_feedback_out_of_hours_gives_the_emergency_duty_team(client, feedback_page):
    from tests.early_help.feedback.test_feedback import YOUNG_PERSON

    steps = [*YOUNG_PERSON[:-2], ("words", {"feels_safe": "no"}), YOUNG_PERSON[-1]]
    with time_machine.travel(SATURDAY_EVENING, tick=False):
        for slug, data in steps:
            client.post(f"/feedback/step/{slug}/", data)
        html = client.get("/feedback/thank-you/").content.decode()
    assert "someone will look at it today" not in html
    assert "emergency duty team" in html
    assert "0800 1111" in html


@pytest.mark.django_db
def test_an_urgent_request_alerts_the_duty_team_of_the_council_that_will_help(
    locality, duty, django_capture_on_commit_callbacks
):
    from tests.regions import dudley, dudley_site, sandwell

    site, _page = dudley_site()
    dudley_duty = MashDutySettings.for_site(site)
    dudley_duty.alert_email = "mash.dudley.inbox@example.org"
    dudley_duty.save()
    sandwell_council = sandwell(duty.site)
    dudley(site)
    in_dudley = complete_answers(
        **URGENT,
        **{
            "about-you": {"postcode": "B63 3AB"},
            "_route": {"kind": "locality", "locality": "halesowen"},
        },
    )
    with (
        time_machine.travel(TUESDAY_MORNING, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        journey_services.help_request_submit(
            draft=DraftFactory(answers=in_dudley), council=sandwell_council
        )
    [email] = mail.outbox
    assert email.to == ["mash.dudley.inbox@example.org"]
    assert "Dudley" not in email.subject + email.body
