"""Each council's texts go from its own sender, in its own words where it has them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError
from wagtail.models import Locale

from early_help.asking_for_help import services as journey_services
from early_help.models import Council, SmsTemplate, SmsTemplateKey
from early_help.texts import backends
from early_help.texts.backends import OutgoingText, TwilioSMSBackend
from early_help.texts.selectors import sms_template_for
from tests.factories import DraftFactory, complete_answers
from tests.regions import DUDLEY_SENDER, dudley, sandwell

pytestmark = pytest.mark.django_db

DAYTIME = datetime.datetime(2026, 12, 1, 11, 0, tzinfo=ZoneInfo("Europe/London"))
HALESOWEN = {
    "about-you": {"postcode": "B63 3AB"},
    "_route": {"kind": "locality", "locality": "halesowen"},
}


@pytest.fixture
def region(locality, sms_templates):
    return sandwell(None), dudley()


def _submit(council, django_capture_on_commit_callbacks, **answers):
    with time_machine.travel(DAYTIME, tick=False), django_capture_on_commit_callbacks(execute=True):
        return journey_services.help_request_submit(
            draft=DraftFactory(answers=complete_answers(**answers)), council=council
        )


def _dudley_words(language="en", key=SmsTemplateKey.REQUEST_RECEIVED):
    template = SmsTemplate.objects.create(
        key=key,
        council=Council.objects.get(slug="dudley"),
        locale=Locale.objects.get_or_create(language_code=language)[0],
        body="Dudley got your request. Ref {reference}. Call {team_phone}.",
    )
    return template


def test_each_councils_acknowledgement_comes_from_its_own_sender_in_its_own_words(
    region, django_capture_on_commit_callbacks
):
    sandwell_council, _dudley = region
    _dudley_words()
    in_sandwell = _submit(sandwell_council, django_capture_on_commit_callbacks)
    in_dudley = _submit(sandwell_council, django_capture_on_commit_callbacks, **HALESOWEN)

    sent = {text.outbox_id: text for text in backends.outbox}
    to_sandwell = sent[in_sandwell.texts.get().pk]
    to_dudley = sent[in_dudley.texts.get().pk]
    assert to_sandwell.sender == ""  # the deployment's own sender
    assert to_dudley.sender == DUDLEY_SENDER
    assert to_dudley.body == (
        f"Dudley got your request. Ref {in_dudley.reference}. Call 01632 960160."
    )
    assert "Dudley" not in to_sandwell.body
    assert in_sandwell.reference in to_sandwell.body


def test_a_council_without_its_own_words_uses_the_shared_template(region):
    _sandwell, dudley_council = region
    shared = sms_template_for(SmsTemplateKey.REQUEST_RECEIVED, "en")
    assert shared.council is None
    assert sms_template_for(SmsTemplateKey.REQUEST_RECEIVED, "en", council=dudley_council) == shared
    own = _dudley_words()
    assert sms_template_for(SmsTemplateKey.REQUEST_RECEIVED, "en", council=dudley_council) == own
    # Sandwell never gets Dudley's words.
    assert sms_template_for(SmsTemplateKey.REQUEST_RECEIVED, "en", council=_sandwell) == shared


def test_the_familys_language_comes_before_the_councils_english_words(region):
    _sandwell, dudley_council = region
    urdu = Locale.objects.get_or_create(language_code="ur")[0]
    english_shared = sms_template_for(SmsTemplateKey.REQUEST_RECEIVED, "en")
    shared_urdu = english_shared.copy_for_translation(urdu)
    shared_urdu.body = "آپ کا حوالہ {reference} ہے۔"
    shared_urdu.save()
    _dudley_words("en")
    found = sms_template_for(SmsTemplateKey.REQUEST_RECEIVED, "ur", council=dudley_council)
    assert found == shared_urdu
    dudley_urdu = _dudley_words("ur")
    found = sms_template_for(SmsTemplateKey.REQUEST_RECEIVED, "ur", council=dudley_council)
    assert found == dudley_urdu


def test_one_shared_template_and_one_of_each_councils_per_text_and_language(region):
    _dudley_words()
    with pytest.raises(IntegrityError):
        _dudley_words()


def test_one_shared_template_per_text_and_language(region):
    english = Locale.objects.get(language_code="en")
    with pytest.raises(IntegrityError):
        SmsTemplate.objects.create(
            key=SmsTemplateKey.REQUEST_RECEIVED, locale=english, body="Again {reference}"
        )


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        ("MG" + "0" * 32, {"messaging_service_sid": "MG" + "0" * 32}),
        ("+447700900020", {"from_": "+447700900020"}),
        ("", {"from_": "+447700900000"}),  # the deployment's (test settings)
    ],
)
def test_twilio_is_given_the_councils_sender(sender, expected, settings):
    settings.TWILIO_MESSAGING_SERVICE_SID = ""
    text = OutgoingText(outbox_id=1, to="+447700900123", body="Hi", sender=sender)
    assert TwilioSMSBackend._sender(text) == expected


def test_the_real_client_sends_from_the_councils_number(
    region, django_capture_on_commit_callbacks, fake_twilio, settings
):
    settings.TWILIO_MESSAGING_SERVICE_SID = ""
    sandwell_council, _dudley = region
    _submit(sandwell_council, django_capture_on_commit_callbacks, **HALESOWEN)
    _submit(sandwell_council, django_capture_on_commit_callbacks)
    assert [message["from"] for message in fake_twilio.accepted] == [
        DUDLEY_SENDER,
        settings.TWILIO_FROM_NUMBER,
    ]
