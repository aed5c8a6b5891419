import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from early_help.models import SmsTemplate
from early_help.texts.quiet_hours import is_quiet, next_send_time
from early_help.texts.segments import segment_info

UK = ZoneInfo("Europe/London")


def test_plain_text_is_gsm7_with_160_characters_a_segment():
    info = segment_info("a" * 160)
    assert (info.encoding, info.characters, info.segments) == ("GSM-7", 160, 1)
    assert segment_info("a" * 161).segments == 2
    assert segment_info("a" * 306).segments == 2
    assert segment_info("a" * 307).segments == 3


def test_extended_gsm_characters_count_twice():
    info = segment_info("€" * 80)
    assert (info.encoding, info.characters, info.segments) == ("GSM-7", 160, 1)
    assert segment_info("€" * 81).segments == 2


@pytest.mark.parametrize("text", ["Cześć", "آپ کا شکریہ", "Thanks 👍", "It’s"])
def test_anything_outside_gsm7_makes_it_ucs2_with_70_a_segment(text):
    info = segment_info(text)
    assert info.encoding == "UCS-2"
    assert info.per_segment == 70
    assert segment_info(text * 20).per_segment == 67


def test_emoji_count_as_two_characters():
    assert segment_info("👍").characters == 2


@pytest.mark.parametrize(
    ("local", "quiet"),
    [
        ((20, 59), False),
        ((21, 0), True),
        ((23, 30), True),
        ((3, 0), True),
        ((7, 59), True),
        ((8, 0), False),
        ((12, 0), False),
    ],
)
def test_no_texts_between_nine_at_night_and_eight_in_the_morning(local, quiet):
    moment = datetime.datetime(2026, 6, 1, *local, tzinfo=UK)  # British Summer Time
    assert is_quiet(moment) is quiet


def test_a_text_at_night_waits_until_eight_the_next_morning_uk_time():
    evening = datetime.datetime(2026, 12, 1, 22, 15, tzinfo=UK)
    assert next_send_time(evening) == datetime.datetime(2026, 12, 2, 8, 0, tzinfo=UK)
    early = datetime.datetime(2026, 6, 1, 6, 0, tzinfo=UK)
    assert next_send_time(early) == datetime.datetime(2026, 6, 1, 8, 0, tzinfo=UK)
    utc_late = datetime.datetime(2026, 6, 1, 20, 30, tzinfo=datetime.UTC)  # 21:30 BST
    assert next_send_time(utc_late) == datetime.datetime(2026, 6, 2, 8, 0, tzinfo=UK)
    daytime = datetime.datetime(2026, 6, 1, 14, 0, tzinfo=UK)
    assert next_send_time(daytime) == daytime


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body", ["Your early help request {reference}", "MASH will call", "Family Voice: hello"]
)
def test_templates_must_stay_discreet(body):
    template = SmsTemplate(key="status_update", body=body, locale=Locale.get_default())
    with pytest.raises(ValidationError, match="discreet"):
        template.clean()


@pytest.mark.django_db
def test_templates_only_use_known_placeholders():
    template = SmsTemplate(
        key="status_update", body="Hi {first_name}, your {child_name}", locale=Locale.get_default()
    )
    with pytest.raises(ValidationError, match="child_name"):
        template.clean()
    template.body = "Hi {first_name}, ref {reference}. Call {team_phone}."
    template.clean()
    assert (
        template.render(first_name="Jo", reference="FV-7K3Q9", team_phone="0121")
        == "Hi Jo, ref FV-7K3Q9. Call 0121."
    )


@pytest.mark.parametrize(
    ("local", "quiet"), [((0, 59), False), ((1, 0), True), ((5, 59), True), ((6, 0), False)]
)
def test_quiet_hours_within_one_day_keep_the_rest_of_the_day_open(settings, local, quiet):
    settings.FAMILY_VOICE_SMS_QUIET_HOURS = (1, 6)
    moment = datetime.datetime(2026, 6, 1, *local, tzinfo=UK)
    assert is_quiet(moment) is quiet
    assert is_quiet(datetime.datetime(2026, 6, 1, 14, 0, tzinfo=UK)) is False


def test_a_text_in_quiet_hours_within_one_day_waits_for_their_end(settings):
    settings.FAMILY_VOICE_SMS_QUIET_HOURS = (1, 6)
    night = datetime.datetime(2026, 6, 1, 3, 0, tzinfo=UK)
    assert next_send_time(night) == datetime.datetime(2026, 6, 1, 6, 0, tzinfo=UK)
    evening = datetime.datetime(2026, 6, 1, 22, 0, tzinfo=UK)
    assert next_send_time(evening) == evening


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "Ref {reference:>500}",
        "Ref {reference.upper}",
        "Ref {reference!r}",
        "Ref {reference[0]}",
        "Ref {}",
        "Ref {reference",
        "Ref reference}",
    ],
)
def test_placeholders_are_only_the_bare_documented_names(body):
    template = SmsTemplate(key="status_update", body=body, locale=Locale.get_default())
    with pytest.raises(ValidationError):
        template.clean()
    # Even if such words reached the database, rendering never formats or looks anything up.
    assert "{" in template.render(reference="FV-7K3Q9") or "}" in template.render(
        reference="FV-7K3Q9"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body", ["A smashing day, ref {reference}", "Your councillor, {reference}"]
)
def test_refused_words_match_whole_words_only(body):
    SmsTemplate(key="status_update", body=body, locale=Locale.get_default()).clean()


@pytest.mark.django_db
def test_a_template_names_what_it_would_leave_blank():
    template = SmsTemplate(
        key="practitioner_allocated",
        body="{practitioner} will call you, ref {reference}",
        locale=Locale.get_default(),
    )
    assert template.missing_values({"reference": "FV-7K3Q9", "practitioner": ""}) == [
        "practitioner"
    ]


@pytest.mark.django_db
def test_comms_see_what_each_translation_of_a_text_costs(client):
    from early_help.demo import sms_templates_translate_seed
    from early_help.staff_access.roles import StaffRole
    from tests.factories import login_with_mfa, staff_member

    sms_templates_translate_seed()
    english = SmsTemplate.objects.get(key="request_received", locale__language_code="en")
    urdu = SmsTemplate.objects.get(key="request_received", locale__language_code="ur")
    assert english.cost().startswith("GSM-7, 1 segment")
    assert urdu.cost().startswith("UCS-2, 3 segment")
    comms = staff_member(StaffRole.COMMS_EDITOR)
    login_with_mfa(client, comms)
    listing = "/admin/snippets/early_help/smstemplate/"
    assert "GSM-7" in client.get(listing, {"locale": "en"}).content.decode()
    assert "UCS-2" in client.get(listing, {"locale": "ur"}).content.decode()
