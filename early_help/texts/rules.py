"""Whether we may text someone: the one rule every text goes through (DESIGN.md rule 3)."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from ..shared.phones import is_uk_mobile
from .models import SmsStatus


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
