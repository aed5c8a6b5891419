"""Twilio's webhooks, signed the way Twilio signs them, and forged."""

import pytest
from django.conf import settings
from twilio.request_validator import RequestValidator

from early_help.asking_for_help import services as journey_services
from early_help.models import HelpRequest, OutboxMessage, SmsDirection, SmsOptOut, SmsStatus
from early_help.texts import backends
from early_help.texts import services as text_services
from tests.factories import DraftFactory

pytestmark = pytest.mark.django_db


def _post(client, path, params, *, sign=True, signature=None):
    url = settings.PUBLIC_BASE_URL + path
    headers = {}
    if sign:
        if signature is None:
            signature = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(url, params)
        headers["HTTP_X_TWILIO_SIGNATURE"] = signature
    return client.post(path, params, **headers)


@pytest.fixture
def sent(locality, sms_templates, django_capture_on_commit_callbacks):
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    with (
        time_machine.travel(
            datetime.datetime(2026, 12, 1, 11, 0, tzinfo=ZoneInfo("Europe/London")), tick=False
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        help_request = journey_services.help_request_submit(draft=DraftFactory())
    return help_request.texts.get()


def _status(client, message, status, **extra):
    path = f"/sms/status/?m={message.pk}"
    return _post(client, path, {"MessageSid": message.twilio_sid, "MessageStatus": status, **extra})


def test_a_signed_delivery_report_updates_the_text(client, sent):
    assert _status(client, sent, "delivered").status_code == 204
    sent.refresh_from_db()
    assert sent.status == SmsStatus.DELIVERED
    assert sent.delivered_at


@pytest.mark.parametrize("signature", [None, "forged", ""])
def test_a_missing_or_forged_signature_gets_403_and_changes_nothing(client, sent, signature):
    params = {"MessageSid": sent.twilio_sid, "MessageStatus": "failed"}
    response = _post(
        client, f"/sms/status/?m={sent.pk}", params, sign=signature is not None, signature=signature
    )
    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.status == SmsStatus.SENT


def test_a_signature_for_another_address_is_refused(client, sent):
    params = {"MessageSid": sent.twilio_sid, "MessageStatus": "failed"}
    signature = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(
        "http://testserver/sms/status/", params
    )
    assert _post(client, "/sms/status/", params, signature=signature).status_code == 403


def test_repeated_and_late_reports_never_move_a_delivered_text_back(client, sent):
    for status in ["delivered", "delivered", "sent", "queued", "undelivered"]:
        assert _status(client, sent, status).status_code == 204
    sent.refresh_from_db()
    assert sent.status == SmsStatus.DELIVERED


def test_an_undelivered_text_is_shown_to_staff(client, sent):
    _status(client, sent, "undelivered", ErrorCode="30003")
    sent.refresh_from_db()
    assert sent.status == SmsStatus.UNDELIVERED
    assert sent.needs_attention
    assert sent.error_code == 30003


def test_only_post_is_accepted(client):
    assert client.get("/sms/status/").status_code == 405


def _inbound(client, body, sender="+447700900123", sid="SMin0001"):
    return _post(
        client,
        "/sms/inbound/",
        {"From": sender, "Body": body, "MessageSid": sid, "To": "+447700900000"},
    )


@pytest.mark.parametrize(
    "word", ["STOP", "stop", " Stopall ", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]
)
def test_stop_words_record_an_opt_out_that_every_later_send_honours(
    client, sent, word, django_capture_on_commit_callbacks
):
    response = _inbound(client, word)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml"
    assert SmsOptOut.objects.filter(phone="+447700900123").exists()
    backends.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message = text_services.sms_queue(help_request=sent.help_request, key="status_update")
    assert message.status == SmsStatus.OPTED_OUT
    assert backends.outbox == []


@pytest.mark.parametrize("word", ["START", "unstop"])
def test_start_opts_back_in(client, sent, word):
    _inbound(client, "STOP", sid="SMin1")
    _inbound(client, word, sid="SMin2")
    assert not SmsOptOut.objects.exists()


def test_help_gets_a_help_reply(client, sent, django_capture_on_commit_callbacks):
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    backends.outbox.clear()
    with (
        time_machine.travel(
            datetime.datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("Europe/London")), tick=False
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _inbound(client, "HELP")
    assert len(backends.outbox) == 1
    assert "Reply STOP" in backends.outbox[0].body


def test_any_other_reply_joins_the_open_request_and_flags_it_for_staff(client, sent):
    _inbound(client, "Can you ring after 3pm please")
    help_request = HelpRequest.objects.get(pk=sent.help_request_id)
    assert help_request.has_unread_reply
    reply = help_request.texts.get(direction=SmsDirection.INBOUND)
    assert reply.body == "Can you ring after 3pm please"
    assert help_request.events.filter(kind="sms_in").exists()


def test_a_reply_twilio_sends_twice_is_recorded_once(client, sent):
    _inbound(client, "Thanks", sid="SMdup")
    _inbound(client, "Thanks", sid="SMdup")
    assert OutboxMessage.objects.filter(direction=SmsDirection.INBOUND).count() == 1


def test_a_reply_from_an_unknown_number_waits_in_the_unmatched_list(client, sent):
    _inbound(client, "Who is this?", sender="+447700900999", sid="SMunknown")
    message = OutboxMessage.objects.get(twilio_sid="SMunknown")
    assert message.help_request is None
    assert message.direction == SmsDirection.INBOUND


@pytest.mark.parametrize(
    "params",
    [
        {"From": "", "Body": "Hello", "MessageSid": "SMblankfrom"},
        {"Body": "Hello", "MessageSid": "SMnofrom"},
        {"From": "+447700900123", "Body": "Hello", "MessageSid": ""},
        {"From": "+447700900123", "Body": "Hello"},
    ],
)
def test_a_signed_text_without_a_sender_or_an_id_is_refused(client, sent, params):
    HelpRequest.objects.create(
        reference="FV-NOPHN",
        idempotency_key="00000000-0000-0000-0000-000000000001",
        requester_type="parent_carer",
        first_name="No phone",
    )
    response = _post(client, "/sms/inbound/", params)
    assert response.status_code == 400
    assert not OutboxMessage.objects.filter(direction=SmsDirection.INBOUND).exists()
    assert not HelpRequest.objects.filter(has_unread_reply=True).exists()


def test_a_signed_delivery_report_without_an_id_is_refused(client, sent):
    response = _post(client, f"/sms/status/?m={sent.pk}", {"MessageStatus": "failed"})
    assert response.status_code == 400
    sent.refresh_from_db()
    assert sent.status == SmsStatus.SENT


def test_replies_with_distinct_ids_are_each_kept(client, sent):
    _inbound(client, "First", sid="SMone")
    _inbound(client, "Second", sid="SMtwo")
    assert OutboxMessage.objects.filter(direction=SmsDirection.INBOUND).count() == 2
