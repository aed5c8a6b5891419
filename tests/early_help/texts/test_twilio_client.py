"""The real twilio client: against Prism serving Twilio's own OpenAPI spec, and against a
local fake that plays the faults (5xx, 429 with Retry-After, timeouts, connections reset
before and after Twilio took the text, a worker killed mid-send).

A text must reach the family exactly once: an answer we never got means "maybe sent",
settled only by looking the text up in Twilio."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from early_help.asking_for_help import services as journey_services
from early_help.models import OutboxMessage, SmsOptOut, SmsStatus
from early_help.texts import delivery
from early_help.texts import services as text_services
from early_help.texts import tasks as text_tasks
from early_help.texts.backends import (
    MaybeSentSMSError,
    OutgoingText,
    PermanentSMSError,
    RetryableSMSError,
    SMSError,
    TwilioSMSBackend,
    parse_retry_after,
)
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


def _at(seconds: float):
    return time_machine.travel(DAYTIME + datetime.timedelta(seconds=seconds), tick=False)


def _deliver_at(message, seconds: float):
    with _at(seconds):
        return delivery.sms_deliver(outbox_id=message.pk)


def _process(message):
    return _deliver_at(message, 0).status


def test_a_text_goes_through_the_real_client_with_a_status_callback(queued, fake_twilio):
    assert _process(queued) == SmsStatus.SENT
    [accepted] = fake_twilio.accepted
    assert accepted["to"] == "+447700900123"
    assert (
        accepted["status_callback"] == f"https://familyvoice.example.org/sms/status/?m={queued.pk}"
    )
    queued.refresh_from_db()
    assert queued.twilio_sid == accepted["sid"]


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (500, MaybeSentSMSError),
        (503, MaybeSentSMSError),
        ("hang", MaybeSentSMSError),
        ("slow", MaybeSentSMSError),
        ("reset-before", MaybeSentSMSError),
        ("reset-after", MaybeSentSMSError),
        (429, RetryableSMSError),
        (400, PermanentSMSError),
    ],
)
def test_the_backend_tells_certainly_not_sent_from_maybe_sent(fake_twilio, fault, error):
    fake_twilio.plan = [fault]
    with pytest.raises(SMSError) as raised:
        TwilioSMSBackend().send(OutgoingText(outbox_id=1, to="+447700900123", body="Hello"))
    assert type(raised.value) is error


def test_a_refused_connection_is_certainly_not_sent(settings):
    settings.SMS_BACKEND = "twilio"
    settings.TWILIO_API_BASE_URL = "http://127.0.0.1:9"  # nothing listens here
    with pytest.raises(RetryableSMSError):
        TwilioSMSBackend().send(OutgoingText(outbox_id=1, to="+447700900123", body="Hello"))


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120),
        (" 7 ", 7),
        ("Tue, 01 Dec 2026 11:02:00 GMT", 120),  # DAYTIME is 11:00 GMT
        ("Tue, 01 Dec 2026 10:00:00 GMT", 0),  # already past: no wait, never negative
        ("99999999", 24 * 3600),  # a broken header never parks a text for ever
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_is_read_as_seconds_or_an_http_date(header, seconds):
    wait = parse_retry_after(header, now=DAYTIME)
    assert wait == (None if seconds is None else datetime.timedelta(seconds=seconds))


def test_a_refused_connection_is_retried_with_backoff_and_never_looked_up(
    queued, fake_twilio, settings
):
    settings.TWILIO_API_BASE_URL = "http://127.0.0.1:9"
    assert _process(queued) == SmsStatus.QUEUED
    queued.refresh_from_db()
    assert queued.send_after == DAYTIME + datetime.timedelta(seconds=30)
    assert _deliver_at(queued, 29).status is None  # not due yet: nothing is sent early
    settings.TWILIO_API_BASE_URL = fake_twilio.url
    assert _deliver_at(queued, 31).status == SmsStatus.SENT
    assert len(fake_twilio.accepted) == 1
    assert fake_twilio.gets == 0  # nothing was in doubt, so nothing was looked up


def test_a_rate_limit_without_retry_after_backs_off_exponentially(queued, fake_twilio):
    fake_twilio.plan = [429, 429]
    assert _process(queued) == SmsStatus.QUEUED
    queued.refresh_from_db()
    assert queued.send_after == DAYTIME + datetime.timedelta(seconds=30)
    assert _deliver_at(queued, 31).status == SmsStatus.QUEUED
    queued.refresh_from_db()
    assert queued.send_after == DAYTIME + datetime.timedelta(seconds=31 + 60)  # doubled
    assert _deliver_at(queued, 200).status == SmsStatus.SENT
    assert len(fake_twilio.accepted) == 1


@pytest.mark.parametrize(
    "retry_after",
    ["120", "Tue, 01 Dec 2026 11:02:00 GMT"],  # 11:02 GMT is 120 s after DAYTIME
    ids=["seconds", "http-date"],
)
def test_a_rate_limit_waits_at_least_as_long_as_twilio_asks(queued, fake_twilio, retry_after):
    fake_twilio.plan = [(429, retry_after)]
    assert _process(queued) == SmsStatus.QUEUED
    queued.refresh_from_db()
    assert queued.send_after == DAYTIME + datetime.timedelta(seconds=120)
    assert _deliver_at(queued, 119).status is None
    assert fake_twilio.posts == 1  # nothing sooner than Twilio asked
    assert _deliver_at(queued, 120).status == SmsStatus.SENT
    assert fake_twilio.posts == 2
    assert len(fake_twilio.accepted) == 1


def test_rate_limits_do_not_use_up_a_texts_tries(queued, fake_twilio):
    fake_twilio.plan = [(429, "1")] * (MAX_ATTEMPTS + 2)
    moment = 0
    for _ in range(MAX_ATTEMPTS + 2):
        assert _deliver_at(queued, moment).status == SmsStatus.QUEUED
        moment += 2
    assert _deliver_at(queued, moment).status == SmsStatus.SENT
    assert len(fake_twilio.accepted) == 1


@pytest.mark.parametrize("fault", [500, 503, "hang", "reset-before"])
def test_a_lost_answer_twilio_did_not_act_on_is_looked_up_then_sent_once(
    queued, fake_twilio, fault
):
    fake_twilio.plan = [fault]
    assert _process(queued) == SmsStatus.UNCONFIRMED
    queued.refresh_from_db()
    assert queued.attempts == 1
    assert queued.last_error
    # Nothing happens until any send must be over and Twilio's list has caught up.
    assert _deliver_at(queued, 29).status is None
    assert (fake_twilio.posts, fake_twilio.gets) == (1, 0)
    assert _deliver_at(queued, 30).status == SmsStatus.SENT
    assert fake_twilio.gets == 1  # looked up first
    assert fake_twilio.posts == 2
    assert len(fake_twilio.accepted) == 1
    queued.refresh_from_db()
    assert queued.twilio_sid == fake_twilio.accepted[0]["sid"]


@pytest.mark.parametrize("fault", ["slow", "reset-after"])
def test_a_text_twilio_took_although_its_answer_was_lost_is_never_sent_twice(
    queued, fake_twilio, fault
):
    # The request reached Twilio, which created the message, but the client timed out
    # (or the connection dropped) before the answer came.
    fake_twilio.plan = [fault]
    assert _process(queued) == SmsStatus.UNCONFIRMED
    for seconds in (10, 30, 60, 600):
        _deliver_at(queued, seconds)
    with _at(600):
        delivery.sms_drain()
    assert fake_twilio.posts == 1
    assert len(fake_twilio.accepted) == 1
    queued.refresh_from_db()
    assert queued.status == SmsStatus.SENT
    assert queued.twilio_sid == fake_twilio.accepted[0]["sid"]


def test_a_delivery_report_settles_an_unconfirmed_text_without_a_look_up(queued, fake_twilio):
    fake_twilio.plan = ["slow"]
    assert _process(queued) == SmsStatus.UNCONFIRMED
    [accepted] = fake_twilio.accepted
    with _at(5):
        text_services.sms_status_update(
            sid=accepted["sid"], status="sent", outbox_id=str(queued.pk)
        )
    queued.refresh_from_db()
    assert queued.status == SmsStatus.SENT
    assert queued.twilio_sid == accepted["sid"]
    assert _deliver_at(queued, 60).status is None
    assert (fake_twilio.posts, fake_twilio.gets) == (1, 0)


def test_a_text_that_keeps_failing_is_given_up_and_shown_to_staff(queued, fake_twilio):
    fake_twilio.plan = [500] * MAX_ATTEMPTS
    moment = DAYTIME
    for _ in range(MAX_ATTEMPTS + 1):  # each 500 is looked up before the next try
        with time_machine.travel(moment, tick=False):
            delivery.sms_deliver(outbox_id=queued.pk)
        moment += datetime.timedelta(hours=1)
    queued.refresh_from_db()
    assert queued.status == SmsStatus.FAILED
    assert queued.needs_attention
    assert fake_twilio.posts == MAX_ATTEMPTS
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
    with _at(0):
        claimed = delivery._claim(queued.pk)
        TwilioSMSBackend().send(
            OutgoingText(outbox_id=claimed.pk, to="+447700900123", body=claimed.body)
        )
    assert fake_twilio.posts == 1
    # A duplicate task for the same text sends nothing.
    assert _deliver_at(queued, 0).status is None
    # Within a minute the recovery finds it stuck, asks Twilio, and keeps Twilio's id.
    with _at(20):
        assert text_tasks.sms_recover() == 0  # its send could still be under way
    with _at(31):
        assert text_tasks.sms_recover() == 1
    queued.refresh_from_db()
    assert queued.status == SmsStatus.SENT
    assert queued.twilio_sid == fake_twilio.accepted[0]["sid"]
    assert fake_twilio.posts == 1


def test_a_worker_killed_before_twilio_took_the_text_sends_it_once(queued, fake_twilio):
    with _at(0):
        delivery._claim(queued.pk)  # claimed, then the worker died before calling Twilio
    with _at(31):
        text_tasks.sms_recover()
    assert fake_twilio.posts == 1
    assert len(fake_twilio.accepted) == 1
    queued.refresh_from_db()
    assert queued.status == SmsStatus.SENT


def test_twilio_down_while_checking_a_stuck_text_sends_nothing(queued, fake_twilio, settings):
    with _at(0):
        delivery._claim(queued.pk)
    settings.TWILIO_API_BASE_URL = "http://127.0.0.1:9"  # nothing listens here
    with _at(600):
        delivery.sms_drain()
    queued.refresh_from_db()
    assert queued.status == SmsStatus.UNCONFIRMED  # still in doubt: asked again later
    assert OutboxMessage.objects.filter(status=SmsStatus.SENT).count() == 0
    settings.TWILIO_API_BASE_URL = fake_twilio.url
    with _at(660):
        text_tasks.sms_recover()
    queued.refresh_from_db()
    assert queued.status == SmsStatus.SENT
    assert fake_twilio.posts == 1


def _twin(message):
    """Another text with the same words to the same number (a second alert, a resend)."""
    return OutboxMessage.objects.create(
        phone=message.phone, body=message.body, status=SmsStatus.QUEUED, send_after=DAYTIME
    )


def test_an_identical_text_waits_while_its_twin_is_unconfirmed(queued, fake_twilio):
    twin = _twin(queued)
    fake_twilio.plan = ["slow"]
    assert _process(queued) == SmsStatus.UNCONFIRMED
    # Sending the twin now would leave the look-up unable to tell which one Twilio took.
    assert _deliver_at(twin, 1).status is None
    assert fake_twilio.posts == 1
    assert _deliver_at(queued, 30).status == SmsStatus.SENT
    assert _deliver_at(twin, 31).status == SmsStatus.SENT
    queued.refresh_from_db()
    twin.refresh_from_db()
    assert [m["sid"] for m in fake_twilio.accepted] == [queued.twilio_sid, twin.twilio_sid]


def test_an_identical_text_sent_earlier_never_settles_a_lost_one(queued, fake_twilio):
    twin = _twin(queued)
    assert _deliver_at(twin, 0).status == SmsStatus.SENT  # the same words, went fine
    fake_twilio.plan = ["reset-before"]  # this one never reached Twilio
    assert _deliver_at(queued, 1).status == SmsStatus.UNCONFIRMED
    assert _deliver_at(queued, 31).status == SmsStatus.SENT  # looked up, not found, sent
    queued.refresh_from_db()
    twin.refresh_from_db()
    assert len(fake_twilio.accepted) == 2
    assert queued.twilio_sid != twin.twilio_sid


def _second_try_lost(queued, fake_twilio):
    """A text whose first try was looked up and not found, and whose second answer was lost:
    its next try is due a minute after the second began, later than the look-up."""
    fake_twilio.plan = ["reset-before", "reset-before"]
    assert _process(queued) == SmsStatus.UNCONFIRMED
    assert _deliver_at(queued, 30).status == SmsStatus.UNCONFIRMED
    queued.refresh_from_db()
    assert queued.attempts == 2


def test_recovery_queues_a_task_for_a_text_it_settled_that_must_wait(queued, fake_twilio, settings):
    from django_tasks import default_task_backend

    _second_try_lost(queued, fake_twilio)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with _at(61):
        assert text_tasks.sms_recover() == 1  # looked up: not found; next try at 90 s
    queued.refresh_from_db()
    assert queued.status == SmsStatus.QUEUED
    [task] = default_task_backend.results
    assert task.args == [queued.pk]
    assert task.task.run_after == DAYTIME + datetime.timedelta(seconds=90)


def test_a_task_that_loses_a_race_for_its_text_still_follows_it(queued, fake_twilio):
    _second_try_lost(queued, fake_twilio)
    stale = OutboxMessage.objects.get(pk=queued.pk)
    with _at(61):
        text_tasks.sms_recover()  # the recovery settles it first (queued for 90 s)
        delivery_of_the_late_task = delivery._settle(stale)
    assert delivery_of_the_late_task.retry_at == DAYTIME + datetime.timedelta(seconds=90)
    assert _deliver_at(queued, 90).status == SmsStatus.SENT
    assert len(fake_twilio.accepted) == 1
