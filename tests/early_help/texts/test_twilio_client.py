"""The real twilio client: against Prism serving Twilio's own OpenAPI spec, and against a
local fake that plays the faults (5xx, timeouts, 429, 400, a worker killed mid-send)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.models import OutboxMessage, SmsOptOut, SmsStatus
from early_help.texts import delivery
from early_help.texts.backends import OutgoingText, TwilioSMSBackend
from early_help.texts.delivery import MAX_ATTEMPTS
from tests.factories import DraftFactory

pytestmark = pytest.mark.django_db

DAYTIME = datetime.datetime(2026, 12, 1, 11, 0, tzinfo=ZoneInfo("Europe/London"))


def test_the_twilio_client_sends_a_request_twilios_spec_accepts(prism, settings):
    settings.SMS_BACKEND = "twilio"
    settings.TWILIO_API_BASE_URL = prism
    backend = TwilioSMSBackend()
    sid = backend.send(OutgoingText(outbox_id=1, to="+447700900123", body="Hello, ref FV-7K3Q9"))
    assert sid.startswith("SM")


def test_checking_for_a_sent_text_reads_twilios_list_response(prism, settings):
    settings.SMS_BACKEND = "twilio"
    settings.TWILIO_API_BASE_URL = prism
    text = OutgoingText(outbox_id=1, to="+447700900123", body="A body no example message has")
    assert (
        TwilioSMSBackend().find_sent(text, since=timezone.now() - datetime.timedelta(hours=1))
        is None
    )


@pytest.fixture
def queued(locality, sms_templates, django_capture_on_commit_callbacks, fake_twilio):
    """A request whose acknowledgement text is queued but not yet sent."""
    with (
        time_machine.travel(DAYTIME, tick=False),
        django_capture_on_commit_callbacks(execute=False),
    ):
        help_request = journey_services.help_request_submit(draft=DraftFactory())
    return help_request.texts.get()


def _process(message):
    with time_machine.travel(DAYTIME, tick=False):
        return delivery.sms_deliver(outbox_id=message.pk).status


def test_a_text_goes_through_the_real_client_with_a_status_callback(queued, fake_twilio):
    assert _process(queued) == SmsStatus.SENT
    [accepted] = fake_twilio.accepted
    assert accepted["to"] == "+447700900123"
    assert (
        accepted["status_callback"] == f"https://familyvoice.example.org/sms/status/?m={queued.pk}"
    )
    queued.refresh_from_db()
    assert queued.twilio_sid == accepted["sid"]


@pytest.mark.parametrize("fault", [500, 503, 429, "hang"])
def test_server_errors_timeouts_and_rate_limits_are_retried_with_backoff(
    queued, fake_twilio, fault
):
    fake_twilio.plan = [fault, fault]
    assert _process(queued) == SmsStatus.QUEUED
    queued.refresh_from_db()
    assert queued.attempts == 1
    assert queued.last_error
    assert queued.send_after == DAYTIME + datetime.timedelta(seconds=30)
    assert _process(queued) is None  # not due yet: nothing is sent early
    with time_machine.travel(DAYTIME + datetime.timedelta(seconds=31), tick=False):
        assert delivery.sms_deliver(outbox_id=queued.pk).status == SmsStatus.QUEUED
    queued.refresh_from_db()
    assert queued.send_after == DAYTIME + datetime.timedelta(seconds=31 + 60)  # doubled
    with time_machine.travel(DAYTIME + datetime.timedelta(seconds=200), tick=False):
        assert delivery.sms_deliver(outbox_id=queued.pk).status == SmsStatus.SENT
    assert len(fake_twilio.accepted) == 1


def test_a_text_that_keeps_failing_is_given_up_and_shown_to_staff(queued, fake_twilio):
    fake_twilio.plan = [500] * MAX_ATTEMPTS
    moment = DAYTIME
    for _ in range(MAX_ATTEMPTS):
        with time_machine.travel(moment, tick=False):
            delivery.sms_deliver(outbox_id=queued.pk)
        moment += datetime.timedelta(hours=1)
    queued.refresh_from_db()
    assert queued.status == SmsStatus.FAILED
    assert queued.needs_attention
    assert fake_twilio.accepted == []


def test_a_bad_request_fails_at_once_without_retrying(queued, fake_twilio):
    fake_twilio.plan = [400]
    assert _process(queued) == SmsStatus.FAILED
    queued.refresh_from_db()
    assert queued.error_code == 21211
    assert queued.attempts == 1
    assert fake_twilio.posts == 1
    assert queued.help_request.events.filter(summary__startswith="Text failed").exists()


def test_an_unsubscribed_recipient_is_recorded_as_opted_out(queued, fake_twilio):
    fake_twilio.plan = ["stop"]
    assert _process(queued) == SmsStatus.OPTED_OUT
    assert SmsOptOut.objects.filter(phone="+447700900123").exists()


def test_a_worker_killed_after_twilio_took_the_text_sends_no_duplicate(queued, fake_twilio):
    # The worker claimed the text and Twilio accepted it, then the worker died before
    # saving the id: the row is left "sending".
    with time_machine.travel(DAYTIME, tick=False):
        claimed = delivery._claim(queued.pk)
        TwilioSMSBackend().send(
            OutgoingText(outbox_id=claimed.pk, to="+447700900123", body=claimed.body)
        )
    assert fake_twilio.posts == 1
    # A duplicate task for the same text does nothing.
    with time_machine.travel(DAYTIME, tick=False):
        assert delivery.sms_deliver(outbox_id=queued.pk).status is None
    # Later the drain finds it stuck, asks Twilio, and keeps Twilio's id.
    with time_machine.travel(DAYTIME + datetime.timedelta(minutes=10), tick=False):
        delivery.sms_drain()
    queued.refresh_from_db()
    assert queued.status == SmsStatus.SENT
    assert queued.twilio_sid == fake_twilio.accepted[0]["sid"]
    assert fake_twilio.posts == 1


def test_a_worker_killed_before_twilio_took_the_text_sends_it_once(queued, fake_twilio):
    with time_machine.travel(DAYTIME, tick=False):
        delivery._claim(queued.pk)  # claimed, then the worker died before calling Twilio
    with time_machine.travel(DAYTIME + datetime.timedelta(minutes=10), tick=False):
        delivery.sms_drain()
    assert fake_twilio.posts == 1
    assert len(fake_twilio.accepted) == 1
    queued.refresh_from_db()
    assert queued.status == SmsStatus.SENT


def test_twilio_down_while_checking_a_stuck_text_sends_nothing(queued, fake_twilio, settings):
    with time_machine.travel(DAYTIME, tick=False):
        delivery._claim(queued.pk)
    settings.TWILIO_API_BASE_URL = "http://127.0.0.1:9"  # nothing listens here
    with time_machine.travel(DAYTIME + datetime.timedelta(minutes=10), tick=False):
        delivery.sms_drain()
    queued.refresh_from_db()
    assert queued.status == SmsStatus.SENDING
    assert OutboxMessage.objects.filter(status=SmsStatus.SENT).count() == 0
