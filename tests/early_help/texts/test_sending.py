"""Who gets a text, when, and that each text goes exactly once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from early_help.asking_for_help import services as journey_services
from early_help.models import (
    EventKind,
    HelpRequest,
    OutboxMessage,
    SafeContact,
    SmsOptOut,
    SmsStatus,
)
from early_help.staff_queue import services as queue_services
from early_help.texts import backends, delivery
from tests.factories import DraftFactory, complete_answers

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")
DAYTIME = datetime.datetime(2026, 12, 1, 11, 0, tzinfo=UK)
NIGHT = datetime.datetime(2026, 12, 1, 22, 30, tzinfo=UK)


@pytest.fixture
def help_request(locality, sms_templates, django_capture_on_commit_callbacks):
    with time_machine.travel(DAYTIME, tick=False), django_capture_on_commit_callbacks(execute=True):
        return journey_services.help_request_submit(draft=DraftFactory())


def test_a_new_request_gets_one_discreet_text_with_its_reference(help_request):
    assert len(backends.outbox) == 1
    text = backends.outbox[0]
    assert text.to == "+447700900123"
    assert help_request.reference in text.body
    assert "0121 496 0110" in text.body
    for word in ("early help", "Family Voice", "housing", "Sam"):
        assert word.lower() not in text.body.lower()
    message = OutboxMessage.objects.get()
    assert message.status == SmsStatus.SENT
    assert message.twilio_sid
    assert message.attempts == 1


def test_no_text_when_the_family_said_texting_is_not_safe(
    locality, sms_templates, django_capture_on_commit_callbacks
):
    answers = complete_answers(**{"safe-contact": {"may_text": "no"}})
    with django_capture_on_commit_callbacks(execute=True):
        help_request = journey_services.help_request_submit(draft=DraftFactory(answers=answers))
    assert backends.outbox == []
    assert help_request.texts.get().status == SmsStatus.NOT_SAFE
    assert help_request.events.filter(kind=EventKind.SMS_OUT, summary__contains="not sent").exists()


def test_no_text_to_a_number_that_replied_stop(
    locality, sms_templates, django_capture_on_commit_callbacks
):
    SmsOptOut.objects.create(phone="+447700900123")
    with django_capture_on_commit_callbacks(execute=True):
        help_request = journey_services.help_request_submit(draft=DraftFactory())
    assert backends.outbox == []
    assert help_request.texts.get().status == SmsStatus.OPTED_OUT


def test_a_text_at_night_is_held_until_eight(
    locality, sms_templates, django_capture_on_commit_callbacks
):
    with time_machine.travel(NIGHT, tick=False), django_capture_on_commit_callbacks(execute=True):
        journey_services.help_request_submit(draft=DraftFactory())
        assert delivery.sms_drain() == 0
    assert backends.outbox == []
    message = OutboxMessage.objects.get()
    assert message.status == SmsStatus.QUEUED
    assert message.send_after == datetime.datetime(2026, 12, 2, 8, 0, tzinfo=UK)
    with time_machine.travel(datetime.datetime(2026, 12, 2, 8, 1, tzinfo=UK), tick=False):
        assert delivery.sms_drain() == 1
    assert len(backends.outbox) == 1


def test_a_duplicate_task_never_sends_twice(help_request):
    message = OutboxMessage.objects.get()
    assert delivery.sms_deliver(outbox_id=message.pk).status is None
    assert delivery.sms_drain() == 0
    assert len(backends.outbox) == 1


def test_staff_cannot_text_a_family_who_said_it_is_not_safe(help_request, locality):
    from early_help.staff_access.roles import StaffRole
    from tests.factories import staff_member

    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    SafeContact.objects.filter(help_request=help_request).update(may_text=False)
    help_request = HelpRequest.objects.get(pk=help_request.pk)
    with pytest.raises(queue_services.TextNotAllowed):
        queue_services.help_request_text(help_request=help_request, user=worker, key="try_to_call")
    assert help_request.texts.count() == 1


def test_staff_send_a_text_from_a_template(
    help_request, locality, django_capture_on_commit_callbacks
):
    from early_help.staff_access.roles import StaffRole
    from tests.factories import staff_member

    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    with time_machine.travel(DAYTIME, tick=False), django_capture_on_commit_callbacks(execute=True):
        queue_services.help_request_text(help_request=help_request, user=worker, key="try_to_call")
    assert "we tried to call you" in backends.outbox[-1].body
    assert help_request.texts.filter(sent_by=worker, status=SmsStatus.SENT).exists()


def test_the_practitioner_text_is_never_sent_without_a_practitioner(help_request, locality, client):
    from django.core.exceptions import ValidationError

    from early_help.staff_access.roles import StaffRole
    from tests.factories import login_with_mfa, staff_member

    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    with time_machine.travel(DAYTIME, tick=False), pytest.raises(ValidationError):
        queue_services.help_request_text(
            help_request=help_request, user=worker, key="practitioner_allocated"
        )
    assert help_request.texts.count() == 1  # only the "request received" text
    # The request's page does not offer it either, until a practitioner is set.
    login_with_mfa(client, worker)
    html = client.get(f"/admin/help-requests/{help_request.pk}/").content.decode()
    assert 'value="try_to_call"' in html
    assert 'value="practitioner_allocated"' not in html


def test_the_lead_practitioner_text_gives_their_name_and_the_team_phone(
    help_request, locality, django_capture_on_commit_callbacks
):
    from early_help.models import LeadAgency
    from early_help.staff_access.roles import StaffRole
    from tests.factories import staff_member

    worker = staff_member(StaffRole.LOCALITY_WORKER, locality=locality)
    with time_machine.travel(DAYTIME, tick=False), django_capture_on_commit_callbacks(execute=True):
        queue_services.help_request_set_lead(
            help_request=help_request,
            user=worker,
            lead_agency=LeadAgency.objects.create(name="School"),
            lead_practitioner="Sam Green",
        )
    assert "Sam Green will be your contact" in backends.outbox[-1].body
    assert "0121 496 0110" in backends.outbox[-1].body


def test_texts_use_the_familys_language_when_comms_have_translated_it(
    locality, sms_templates, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale

    from early_help.models import SmsTemplate

    english = SmsTemplate.objects.get(key="request_received", locale__language_code="en")
    polish = english.copy_for_translation(Locale.objects.get_or_create(language_code="pl")[0])
    polish.body = "Dzień dobry {first_name}. Numer: {reference}. Zadzwoń: {team_phone}."
    polish.save()
    answers = complete_answers(
        language={"language": "pl", "other_language": "", "interpreter": "no", "bsl": "no"}
    )
    with time_machine.travel(DAYTIME, tick=False), django_capture_on_commit_callbacks(execute=True):
        journey_services.help_request_submit(draft=DraftFactory(answers=answers))
    assert backends.outbox[-1].body.startswith("Dzień dobry Jo.")
    assert OutboxMessage.objects.get().language == "pl"


def test_sending_waits_for_the_database_commit(
    locality, sms_templates, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(DAYTIME, tick=False),
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        journey_services.help_request_submit(draft=DraftFactory())
    assert backends.outbox == []
    assert len(callbacks) == 1
    assert OutboxMessage.objects.get().status == SmsStatus.QUEUED


def test_the_text_task_takes_only_an_id(
    locality, sms_templates, settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with time_machine.travel(DAYTIME, tick=False), django_capture_on_commit_callbacks(execute=True):
        journey_services.help_request_submit(draft=DraftFactory())
    results = default_task_backend.results
    assert len(results) == 1
    assert results[0].args == [OutboxMessage.objects.get().pk]


def test_every_text_goes_in_the_familys_language_with_english_when_not_translated(
    locality, sms_templates, django_capture_on_commit_callbacks
):
    from early_help.demo import sms_templates_translate_seed
    from early_help.models import SmsTemplate
    from early_help.texts import services as text_services

    sms_templates_translate_seed()
    backends.outbox.clear()
    answers = complete_answers(
        language={"language": "ur", "other_language": "", "interpreter": "no", "bsl": "no"}
    )
    with time_machine.travel(DAYTIME, tick=False), django_capture_on_commit_callbacks(execute=True):
        help_request = journey_services.help_request_submit(draft=DraftFactory(answers=answers))
        text_services.sms_queue_to_number(
            phone="07700 900555",
            key="resume_link",
            values={"code": "7K3Q9MXP", "link": "https://example.org/ur/"},
            language="bn",
        )
        text_services.sms_inbound(sender="+447700900123", body="HELP", sid="SMhelp1")
    received, resume, help_reply = backends.outbox
    assert received.body.startswith("السلام علیکم Jo")
    assert resume.body.startswith("আপনার কোড 7K3Q9MXP")
    assert help_reply.body.startswith("یہ پیغامات")  # the open request's language
    # No Romanian translation of a text yet: it goes in English.
    SmsTemplate.objects.filter(key="try_to_call", locale__language_code="ro").delete()
    help_request.preferred_language = "ro"
    rendered = text_services.sms_render(help_request=help_request, key="try_to_call")
    assert rendered[1].startswith("Hello Jo")
