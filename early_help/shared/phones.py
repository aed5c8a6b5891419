"""UK phone numbers as families type them.

phonenumbers calls Ofcom's drama range (07700 900000-900999) invalid, which is right for
real life; demo data and tests use it, so dev and test settings let it through.
"""

import phonenumbers
from django.conf import settings
from phonenumber_field.phonenumber import PhoneNumber

MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def _is_drama_mobile(number: phonenumbers.PhoneNumber) -> bool:
    national = str(number.national_number)
    return number.country_code == 44 and national.startswith("7700900") and len(national) == 10


def parse_phone(raw: str) -> PhoneNumber | None:
    """Parse a number typed in any UK or international format; None when it is not valid."""
    try:
        number = phonenumbers.parse((raw or "").strip(), "GB")
    except phonenumbers.NumberParseException:
        return None
    drama = settings.FAMILY_VOICE_ALLOW_DRAMA_NUMBERS and _is_drama_mobile(number)
    if not (drama or phonenumbers.is_valid_number(number)):
        return None
    return PhoneNumber.from_string(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    )


def is_uk_mobile(number: PhoneNumber | None) -> bool:
    """A mobile on the +44 plan, so Guernsey, Jersey and Isle of Man mobiles count too."""
    if number is None or number.country_code != 44:
        return False
    if settings.FAMILY_VOICE_ALLOW_DRAMA_NUMBERS and _is_drama_mobile(number):
        return True
    return phonenumbers.number_type(number) in MOBILE_TYPES


def last_four_digits(number: PhoneNumber | str | None) -> str:
    digits = "".join(ch for ch in str(number or "") if ch.isdigit())
    return digits[-4:]
