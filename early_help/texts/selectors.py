"""Reads for text messages."""

from ..councils.models import council_ids_of, sole_council_id
from .models import OutboxMessage, SmsDirection, SmsOptOut, SmsTemplate


def is_opted_out(phone) -> bool:
    return bool(phone) and SmsOptOut.objects.filter(phone=phone).exists()


def sms_template_for(key: str, language: str) -> SmsTemplate | None:
    """The words of a text in this language, or in English when it has no translation yet."""
    templates = SmsTemplate.objects.filter(key=key).select_related("locale")
    return (
        templates.filter(locale__language_code=language).first()
        or templates.filter(locale__language_code="en").first()
    )


def unmatched_replies(*, user, limit: int = 200):
    """Texts from numbers we could not match to an open request, newest first.

    Such a text says nothing of which council's number it reached, so with several
    councils only the region's administrators (superusers) read them; a deployment with
    one council shows them to its own staff.
    """
    texts = OutboxMessage.objects.filter(
        direction=SmsDirection.INBOUND, help_request__isnull=True, feedback__isnull=True
    )
    if not (user.is_active and user.is_superuser):
        sole = sole_council_id()
        if sole is None or sole not in council_ids_of(user):
            texts = texts.none()
    return texts.order_by("-created_at")[:limit]


def recent_texts(*, limit: int = 200):
    return OutboxMessage.objects.select_related("help_request").order_by("-created_at")[:limit]
