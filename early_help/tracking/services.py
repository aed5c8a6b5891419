"""Writes for "Where is my request?": texting a one-time code, checking it, and what the
family asks or adds from their status page.

What the family writes joins the request's timeline (actor None: the family) and flags
the request for its worker (`has_family_message`). Words that signal danger go to MASH
duty at once, like everything else the family tells us (DESIGN.md rule 7).
"""

import logging

from django.db import transaction
from django.utils import timezone

from ..help_requests.models import EventKind, HelpRequest, RequestEvent
from ..mash_duty.services import mash_alert_raise
from ..shared.safeguarding import help_request_urgency
from ..shared.selectors import active_phrases
from ..texts.models import SmsStatus, SmsTemplateKey
from ..texts.services import sms_queue
from . import rules
from .models import TrackingCode
from .selectors import help_request_for_tracking, may_text_a_code, may_track

logger = logging.getLogger(__name__)


def tracking_code_issue(*, reference: str) -> bool:
    """Text a new 6-digit code to the family of this request, if they may use "Where is my
    request?" and we may text them. A new code replaces the old one; only its hash is kept.

    Returns whether a code was queued. Views must not let the answer show: the page says
    the same either way.
    """
    help_request = help_request_for_tracking(reference)
    if help_request is None or not may_text_a_code(help_request):
        return False
    code = rules.new_code()
    with transaction.atomic():
        TrackingCode.objects.update_or_create(
            help_request=help_request,
            defaults={
                "code_hash": rules.code_hash(help_request_id=help_request.pk, code=code),
                "expires_at": timezone.now() + rules.CODE_LIFETIME,
                "attempts": 0,
                "created_at": timezone.now(),
            },
        )
        message = sms_queue(
            help_request=help_request, key=SmsTemplateKey.TRACKING_CODE, values={"code": code}
        )
        if message is None or message.status != SmsStatus.QUEUED:
            # No template, or refused at the last moment: a code nobody received must not
            # stay usable.
            TrackingCode.objects.filter(help_request=help_request).delete()
            return False
    return True


@transaction.atomic
def tracking_code_verify(*, reference: str, code: str) -> HelpRequest | None:
    """The request, when `code` is the live code for `reference`; None otherwise.

    A right code is used up. A wrong one counts against the code; after
    `rules.CODE_ATTEMPTS` wrong ones, or after `rules.CODE_LIFETIME`, no code works until
    a new one is sent. A right code records a line on the timeline for the worker.
    """
    stored = (
        TrackingCode.objects.select_for_update()
        .select_related("help_request")
        .filter(help_request__reference=reference)
        .first()
    )
    typed = rules.normalise_typed_code(code)
    if stored is None:
        return None
    now = timezone.now()
    if not rules.code_usable(expires_at=stored.expires_at, attempts=stored.attempts, now=now):
        return None
    if typed is None or not rules.code_matches(
        help_request_id=stored.help_request_id, code=typed, stored_hash=stored.code_hash
    ):
        TrackingCode.objects.filter(pk=stored.pk).update(attempts=stored.attempts + 1)
        return None
    help_request = stored.help_request
    stored.delete()
    if not may_track(help_request):  # staff switched it off after the code was sent
        return None
    RequestEvent.objects.create(
        help_request=help_request,
        kind=EventKind.FAMILY_CHECKED,
        summary="The family checked 'Where is my request?' with a code",
    )
    return help_request


def _family_message(*, help_request: HelpRequest, kind: str, summary: str, text: str) -> list[str]:
    """One thing the family asked or told us: a timeline line, the worker's flag, and MASH
    duty alerted now when the words signal danger. Returns the reasons it is urgent."""
    reasons = help_request_urgency(needs=[], safe_now=None, texts=[text], phrases=active_phrases())
    with transaction.atomic():
        locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        locked.has_family_message = True
        fields = ["has_family_message"]
        if reasons:
            locked.safeguarding_flag = True
            locked.safeguarding_reasons = [
                *locked.safeguarding_reasons,
                *(r for r in reasons if r not in locked.safeguarding_reasons),
            ]
            fields += ["safeguarding_flag", "safeguarding_reasons"]
        locked.save(update_fields=fields)
        RequestEvent.objects.create(
            help_request=locked,
            kind=kind,
            summary=summary,
            data={"text": text, **({"reasons": reasons} if reasons else {})},
        )
        if reasons:
            RequestEvent.objects.create(
                help_request=locked,
                kind=EventKind.ROUTED,
                summary="Urgent words from the family online: MASH duty alerted",
                data={"reasons": reasons},
            )
            mash_alert_raise(help_request=locked, reason="urgent_family_update")
    return reasons


def tracking_change_of_worker_ask(*, help_request: HelpRequest, reason: str = "") -> list[str]:
    """The family asks for a different worker, with an optional reason.

    Flags the request for its worker. Returns why the reason is urgent (empty if not).
    """
    return _family_message(
        help_request=help_request,
        kind=EventKind.FAMILY_ASKED_CHANGE,
        summary="The family asked for a different worker",
        text=reason.strip()[: rules.REASON_MAX],
    )


def tracking_note_add(*, help_request: HelpRequest, text: str) -> list[str]:
    """The family adds something they forgot to tell us.

    Flags the request for its worker. Returns why the words are urgent (empty if not).
    """
    text = text.strip()[: rules.FAMILY_TEXT_MAX]
    if not text:
        raise ValueError("Nothing to add")
    return _family_message(
        help_request=help_request,
        kind=EventKind.FAMILY_ADDED,
        summary="The family added something",
        text=text,
    )
