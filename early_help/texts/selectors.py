"""Reads for text messages."""

from django.db.models import Q

from ..councils.models import council_ids_of, sole_council_id
from .models import OutboxMessage, SmsDirection, SmsOptOut, SmsTemplate


def is_opted_out(phone) -> bool:
    return bool(phone) and SmsOptOut.objects.filter(phone=phone).exists()


def sms_template_for(key: str, language: str, council=None) -> SmsTemplate | None:
    """The words of a text in this language, or in English when it has no translation yet;
    in each, the council's own words first, then the words every council shares. The
    family's language comes before the council's wording."""
    templates = list(
        SmsTemplate.objects.filter(key=key, locale__language_code__in={language, "en"})
        .filter(
            Q(council__isnull=True) | Q(council=council) if council else Q(council__isnull=True)
        )
        .select_related("locale")
    )
    for code in (language, "en"):
        for owner in ([council.pk] if council is not None else []) + [None]:
            for template in templates:
                if template.locale.language_code == code and template.council_id == owner:
                    return template
    return None


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
