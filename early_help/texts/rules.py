"""Whether we may text someone: the one rule every text goes through (DESIGN.md rule 3)."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from ..shared.phones import is_uk_mobile
from .models import SmsStatus, SmsTemplateKey
from .quiet_hours import next_send_time


class TextRefusal(StrEnum):
    NOT_SAFE = "not_safe"  # the family said texting is not safe
    NOT_MOBILE = "not_mobile"  # no UK mobile number to text
    OPTED_OUT = "opted_out"  # they replied STOP


REFUSAL_MESSAGES = {
    TextRefusal.NOT_SAFE: _("The family said texting is not safe. Nothing was sent."),
    TextRefusal.NOT_MOBILE: _("The family's number is not a UK mobile. Nothing was sent."),
    TextRefusal.OPTED_OUT: _("The family replied STOP to our texts. Nothing was sent."),
}
# How a refused text is recorded in the outbox, so staff can see why nothing went.
REFUSAL_STATUS = {
    TextRefusal.NOT_SAFE: SmsStatus.NOT_SAFE,
    TextRefusal.NOT_MOBILE: SmsStatus.NOT_SAFE,
    TextRefusal.OPTED_OUT: SmsStatus.OPTED_OUT,
}


def text_refusal(*, said_texting_is_safe: bool, phone, opted_out: bool) -> TextRefusal | None:
    """Why we must not text this number, or None when we may."""
    if not said_texting_is_safe:
        return TextRefusal.NOT_SAFE
    if not is_uk_mobile(phone):
        return TextRefusal.NOT_MOBILE
    if opted_out:
        return TextRefusal.OPTED_OUT
    return None


# Texts the person is waiting for on the page as we send them: holding them until the
# morning would leave them with a code that has run out.
ASKED_FOR_NOW = frozenset({SmsTemplateKey.TRACKING_CODE.value})


def waits_for_quiet_hours(*, to_staff: bool, template_key: str) -> bool:
    """Whether a text is held in quiet hours: texts to families are, unless they asked for
    it this minute; alerts to staff never are."""
    return not to_staff and template_key not in ASKED_FOR_NOW


def first_send_time(*, to_staff: bool, template_key: str, now):
    """When a new text may first go: now, or the end of the quiet hours."""
    if waits_for_quiet_hours(to_staff=to_staff, template_key=template_key):
        return next_send_time(now)
    return now
