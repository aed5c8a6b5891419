import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from early_help.models import SmsTemplate
from early_help.sms.quiet_hours import is_quiet, next_send_time
from early_help.sms.segments import segment_info

UK = ZoneInfo("Europe/London")


def test_plain_text_is_gsm7_with_160_characters_a_segment():
    assert segment_info("a" * 160) == segment_info("a" * 160)
    info = segment_info("a" * 160)
    assert (info.encoding, info.characters, info.segments) == ("GSM-7", 160, 1)
    assert segment_info("a" * 161).segments == 2
    assert segment_info("a" * 306).segments == 2 and segment_info("a" * 307).segments == 3


def test_extended_gsm_characters_count_twice():
    info = segment_info("€" * 80)
    assert (info.encoding, info.characters, info.segments) == ("GSM-7", 160, 1)
    assert segment_info("€" * 81).segments == 2


@pytest.mark.parametrize("text", ["Cześć", "آپ کا شکریہ", "Thanks 👍", "It’s"])
def test_anything_outside_gsm7_makes_it_ucs2_with_70_a_segment(text):
    info = segment_info(text)
    assert info.encoding == "UCS-2" and info.per_segment == 70
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
