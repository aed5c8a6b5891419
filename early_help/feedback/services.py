"""Writes for feedback: record it, acknowledge it, say what was done about it; revoke and
reissue workers' feedback links."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..mash_duty.services import mash_alert_raise
from ..outgoing_webhooks.models import WebhookEvent
from ..outgoing_webhooks.services import webhook_event_raise
from ..shared.answers import Answer
from ..shared.safeguarding import feedback_urgency
from ..shared.selectors import active_phrases
from ..staff_access.models import AuditAction
from ..staff_access.permissions import can_act_on_feedback, can_manage_feedback_link
from ..staff_access.services import audit_record
from ..texts.models import SmsTemplateKey
from ..texts.services import sms_queue_to_number
from .models import Feedback, FeedbackLink, FeedbackStatus, ReplyWanted, _link_token
from .selectors import feedback_visible_to

FREE_TEXT_FIELDS = ("going_well", "could_be_better", "anything_else")


def _urgency(answers: dict) -> list[str]:
    """Why these answers must reach MASH duty now (shared.safeguarding); empty if nothing."""
    words = answers.get("words", {})
    return feedback_urgency(
        feels_safe=words.get("feels_safe", ""),
        texts=[words.get(name, "") for name in FREE_TEXT_FIELDS],
        phrases=active_phrases(),
    )


def _about_you(you: dict) -> dict:
    """The answers of "About you". Anonymous keeps no name and no phone."""
    anonymous = you.get("anonymous") != "no"
    return {
        "anonymous": anonymous,
        "name": "" if anonymous else you.get("name", ""),
        "wants_reply": you.get("wants_reply", ReplyWanted.NO),
        "reply_phone": "" if anonymous else you.get("reply_phone", ""),
    }


def _feedback_create(
    *, answers: dict, link: FeedbackLink | None, language: str, reasons: list[str]
) -> Feedback:
    about, scales, changes, words, you = (
        answers.get(k, {}) for k in ("about", "scales", "changes", "words", "you")
    )
    feedback = Feedback.objects.create(
        journey=answers["who"]["journey_type"],
        link=link,
        about_role=link.worker_role if link else about["about_role"],
        worker_name=link.worker_name if link else about.get("worker_name", ""),
        team=link.team if link else None,
        knows_worker=Answer.YES if link else about.get("knows_worker", ""),
        trust=int(scales["trust"]),
        easy_to_contact=int(scales["easy_to_contact"]),
        listens=int(scales["listens"]),
        explains=int(scales["explains"]),
        worker_changed=changes.get("worker_changed", ""),
        worker_changes=changes.get("worker_changes"),
        feels_safe=words.get("feels_safe", ""),
        **{name: words.get(name, "") for name in FREE_TEXT_FIELDS},
        **_about_you(you),
        urgent=bool(reasons),
        urgent_reasons=reasons,
        in_mash_queue=bool(reasons),
        language=language,
    )
    if feedback.urgent:
        mash_alert_raise(feedback=feedback, reason="urgent_feedback")
        webhook_event_raise(event=WebhookEvent.FEEDBACK_URGENT, feedback=feedback)
    return feedback


@transaction.atomic
def feedback_record(*, answers: dict, link: FeedbackLink | None, language: str = "en") -> Feedback:
    """Store feedback. Anonymous feedback keeps no name and no phone; nothing stores an
    address or browser details. Urgent feedback goes to MASH duty at once.

    A link revoked while the person was answering still says who the feedback is about:
    what they wrote is kept.
    """
    return _feedback_create(
        answers=answers, link=link, language=language, reasons=_urgency(answers)
    )


@transaction.atomic
def feedback_record_if_urgent(
    *, answers: dict, link: FeedbackLink | None, language: str = "en"
) -> Feedback | None:
    """Save what someone has said so far, at once, if it tells us they may not be safe.

    They may stop there (close the page, press "Exit this page"): MASH duty still hears
    now. Returns the feedback saved, or None when nothing is urgent yet.
    """
    reasons = _urgency(answers)
    if not reasons:
        return None
    return _feedback_create(answers=answers, link=link, language=language, reasons=reasons)


@transaction.atomic
def feedback_add_about_you(*, feedback: Feedback, you: dict) -> Feedback:
    """The last step of feedback already saved as urgent: their name, if they give it, and
    how they want a reply. Anonymous keeps no name and no number, as ever."""
    fields = _about_you(you)
    for name, value in fields.items():
        setattr(feedback, name, value)
    feedback.save(update_fields=list(fields))
    return feedback


def _require_scope(user, feedback: Feedback) -> None:
    if (
        not can_act_on_feedback(user)
        or not feedback_visible_to(user).filter(pk=feedback.pk).exists()
    ):
        raise PermissionDenied


@transaction.atomic
def feedback_acknowledge(*, feedback: Feedback, user, reply_by_text: bool = False) -> Feedback:
    """Mark it read; text the person back if they asked for a text."""
    _require_scope(user, feedback)
    feedback.status = (
        FeedbackStatus.ACKNOWLEDGED if feedback.status == FeedbackStatus.NEW else feedback.status
    )
    feedback.acknowledged_by = user
    feedback.save(update_fields=["status", "acknowledged_by"])
    audit_record(
        user=user, action=AuditAction.CHANGED, summary=f"Acknowledged feedback {feedback.pk}"
    )
    if reply_by_text:
        if feedback.wants_reply != ReplyWanted.TEXT or not feedback.reply_phone:
            raise ValidationError(_("They did not ask for a text reply."))
        sms_queue_to_number(
            phone=feedback.reply_phone.as_e164,
            key=SmsTemplateKey.FEEDBACK_ACKNOWLEDGED,
            values={"reference": feedback.reference},
            language=feedback.language or "en",
            feedback=feedback,
        )
    return feedback


@transaction.atomic
def feedback_record_action(
    *, feedback: Feedback, user, you_said_we_did: str, approved_to_quote: bool, quote: str
) -> Feedback:
    """ "You said, we did": what changed because of this feedback, and whether it may be published."""
    _require_scope(user, feedback)
    if not you_said_we_did.strip():
        raise ValidationError(_("Say what was done."))
    if approved_to_quote and not quote.strip():
        raise ValidationError(_("Write the anonymised quote to publish."))
    feedback.you_said_we_did = you_said_we_did.strip()
    feedback.approved_to_quote = approved_to_quote
    feedback.quote = quote.strip()
    feedback.status = FeedbackStatus.ACTED_ON
    feedback.save()
    audit_record(
        user=user,
        action=AuditAction.CHANGED,
        summary=f"You said, we did for feedback {feedback.pk}",
    )
    return feedback


@transaction.atomic
def feedback_link_revoke(*, link: FeedbackLink, user) -> FeedbackLink:
    """Stop a worker's link and QR code working: whoever opens it is told kindly and offered
    the general form. Only the link team's managers (or an administrator) may. Audited, and
    written to the link's history."""
    if not can_manage_feedback_link(user, link):
        raise PermissionDenied
    link.revoked = True
    link.save(update_fields=["revoked"])
    audit_record(user=user, action=AuditAction.CHANGED, summary=f"Revoked feedback link {link.pk}")
    log(instance=link, action="early_help.feedback_link_revoke", user=user)
    return link


@transaction.atomic
def feedback_link_reissue(*, link: FeedbackLink, user) -> FeedbackLink:
    """Give a worker a new link (new token, so a new QR code) and make it live; the old link
    stops working at once. Feedback already given stays with the worker. Only the link
    team's managers (or an administrator) may. Audited, and written to the link's history."""
    if not can_manage_feedback_link(user, link):
        raise PermissionDenied
    link.token = _link_token()
    link.revoked = False
    link.save(update_fields=["token", "revoked"])
    audit_record(user=user, action=AuditAction.CHANGED, summary=f"Reissued feedback link {link.pk}")
    log(instance=link, action="early_help.feedback_link_reissue", user=user)
    return link
