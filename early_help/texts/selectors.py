"""Reads for text messages."""

from .models import OutboxMessage, SmsDirection, SmsOptOut, SmsTemplate


def is_opted_out(phone) -> bool:
    return bool(phone) and SmsOptOut.objects.filter(phone=phone).exists()


def sms_template_for(key: str, language: str, council=None) -> SmsTemplate | None:
    """The words of a text in this language, or in English when it has no translation yet:
    the council's own words first, then the words every council shares."""
    templates = SmsTemplate.objects.filter(key=key).select_related("locale")
    for owned in ([templates.filter(council=council)] if council is not None else []) + [
        templates.filter(council__isnull=True)
    ]:
        found = (
            owned.filter(locale__language_code=language).first()
            or owned.filter(locale__language_code="en").first()
        )
        if found is not None:
            return found
    return None


def unmatched_replies(*, limit: int = 200):
    """Texts from numbers we could not match to an open request, newest first."""
    return OutboxMessage.objects.filter(
        direction=SmsDirection.INBOUND, help_request__isnull=True, feedback__isnull=True
    ).order_by("-created_at")[:limit]


def recent_texts(*, limit: int = 200):
    return OutboxMessage.objects.select_related("help_request").order_by("-created_at")[:limit]
