"""Writes for the request-for-help journey: drafts, resuming, submitting.

Names are `<thing>_<action>`, arguments keyword-only, each call one transaction.
"""

import datetime
import hashlib
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from ..councils.models import Council
from ..councils.selectors import first_contact_working_days
from ..help_requests.models import (
    Child,
    Consent,
    EventKind,
    HelpRequest,
    HelpRequestNeed,
    RequestEvent,
    ReReferral,
    ReReferralMatch,
    SafeContact,
)
from ..localities.models import Locality
from ..localities.routing import PostcodeRoute, RouteKind
from ..mash_duty.services import mash_alert_raise
from ..outgoing_webhooks.models import WebhookEvent
from ..outgoing_webhooks.services import webhook_event_raise
from ..shared.answers import Answer
from ..shared.languages import OTHER as OTHER_LANGUAGE
from ..shared.phones import last_four_digits
from ..shared.references import new_reference, new_resume_code, normalise_code
from ..shared.safeguarding import help_request_urgency, is_unsafe
from ..shared.selectors import active_phrases
from ..shared.working_days import add_working_days
from ..texts.models import SmsTemplateKey
from ..texts.services import sms_queue
from ..waiting_times.services import status_spells_refresh
from . import steps as journey
from .forms import CONSENT_WORDING_VERSION, ChildForm
from .models import DRAFT_LIFETIME, HelpRequestDraft
from .selectors import DRAFT_SESSION_KEY, routed_council

logger = logging.getLogger(__name__)

MAX_FAILED_RESUMES = 5
RE_REFERRAL_WINDOW = datetime.timedelta(days=365)


def draft_attach_to_session(*, request: HttpRequest, draft: HelpRequestDraft) -> None:
    """Let this browser carry on with the draft by itself."""
    request.session[DRAFT_SESSION_KEY] = str(draft.key)


def draft_detach_from_session(*, request: HttpRequest) -> None:
    """ "Start again": this browser forgets the draft (which expires on its own)."""
    request.session.pop(DRAFT_SESSION_KEY, None)


def visitor_session_clear(request: HttpRequest) -> None:
    """Forget everything about this visitor: their session and the draft it points to.

    Used by "Exit this page". The draft itself stays on the server until it expires, so
    the person can still carry on with their code from a safer device.
    """
    request.session.flush()


def _hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def draft_start() -> HelpRequestDraft:
    """Create an empty draft. It has no resume code until the family asks for one."""
    return HelpRequestDraft.objects.create()


@transaction.atomic
def draft_resume_code_issue(*, draft: HelpRequestDraft) -> str:
    """Give the draft a new one-time resume code and return it, for the family's eyes only.

    Only its hash is stored, and nowhere else keeps the code: each "save and come back
    later" issues a fresh one, which replaces any code given before.
    """
    draft = HelpRequestDraft.objects.select_for_update().get(pk=draft.pk)
    code = new_resume_code()
    draft.resume_code_hash = _hash_code(code)
    draft.failed_resumes = 0
    draft.save(update_fields=["resume_code_hash", "failed_resumes", "updated_at"])
    return code


@transaction.atomic
def draft_save_step(
    *, draft: HelpRequestDraft, step: str, answers: dict, route: PostcodeRoute | None = None
) -> HelpRequestDraft:
    """Record one page's answers (filed under each section the page asks about) and push
    the draft's expiry DRAFT_LIFETIME on from now."""
    draft = HelpRequestDraft.objects.select_for_update().get(pk=draft.pk)
    page = journey.STEPS_BY_SLUG.get(step)
    draft.answers.update(page.split(answers) if page else {step: answers})
    if route is not None:
        draft.answers[journey.ROUTE] = {
            "kind": route.kind.value,
            "locality": route.locality.slug if route.locality else None,
            "council": route.council.pk if route.council else None,
            "member_council": route.member_council.pk if route.member_council else None,
        }
        if route.kind != RouteKind.UNKNOWN:
            draft.answers.pop("nearest-town", None)
    if step == "about-you":
        draft.phone_last_four = last_four_digits(answers.get("phone"))
    if step == "who" and answers.get("requester_type") == journey.YOUNG_PERSON:
        draft.answers.pop(journey.CHILDREN, None)
    draft.expires_at = timezone.now() + DRAFT_LIFETIME
    draft.save()
    return draft


@transaction.atomic
def draft_child_add(*, draft: HelpRequestDraft, child: dict) -> HelpRequestDraft:
    draft = HelpRequestDraft.objects.select_for_update().get(pk=draft.pk)
    draft.answers.setdefault(journey.CHILDREN, []).append(child)
    draft.expires_at = timezone.now() + DRAFT_LIFETIME
    draft.save()
    return draft


@transaction.atomic
def draft_child_remove(*, draft: HelpRequestDraft, index: int) -> HelpRequestDraft:
    draft = HelpRequestDraft.objects.select_for_update().get(pk=draft.pk)
    children = draft.answers.get(journey.CHILDREN, [])
    if 0 <= index < len(children):
        children.pop(index)
    draft.save()
    return draft


@transaction.atomic
def draft_resume(*, code: str, phone_last_four: str) -> HelpRequestDraft | None:
    """Find a live draft by its one-time code and the phone's last four digits.

    On success the code is used up, so it works once. Five wrong phone digits lock the
    draft's code for good. Returns the draft, or None.
    """
    draft = (
        HelpRequestDraft.objects.select_for_update()
        .filter(
            resume_code_hash=_hash_code(code),
            help_request__isnull=True,
            expires_at__gt=timezone.now(),
            failed_resumes__lt=MAX_FAILED_RESUMES,
        )
        .first()
    )
    if draft is None:
        return None
    if not draft.phone_last_four or draft.phone_last_four != last_four_digits(phone_last_four):
        draft.failed_resumes += 1
        draft.save(update_fields=["failed_resumes"])
        return None
    draft.resume_code_hash = ""
    draft.failed_resumes = 0
    draft.save(update_fields=["resume_code_hash", "failed_resumes"])
    return draft


def drafts_delete_expired() -> int:
    """Delete drafts past their expiry and scrub submitted ones. Returns how many went."""
    deleted, _ = HelpRequestDraft.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


def _event(help_request: HelpRequest, kind: str, summary: str, **data) -> RequestEvent:
    return RequestEvent.objects.create(
        help_request=help_request, kind=kind, summary=summary, data=data
    )


def _child_from_answers(help_request: HelpRequest, answer: dict) -> Child:
    birth = answer.get("birth")
    return Child(
        help_request=help_request,
        first_name=answer["first_name"],
        date_of_birth=_date(answer.get("date_of_birth")) if birth == ChildForm.BORN_DATE else None,
        age=answer.get("age") if birth == ChildForm.BORN_AGE else None,
        due_date=_date(answer.get("due_date")) if birth == ChildForm.UNBORN else None,
        school=answer.get("school", ""),
        send=answer.get("send", ""),
    )


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _unique_reference() -> str:
    for _attempt in range(20):
        reference = new_reference()
        if not HelpRequest.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free reference")  # 33 million codes: not in practice


def help_request_submit(*, draft: HelpRequestDraft, council: Council | None = None) -> HelpRequest:
    """Turn a complete draft into a help request, routed to its town or to MASH duty.

    The request belongs to its town's council, which may be another council of the region
    than the one whose site (`council`) the family used; with no town known, to the
    council whose area the postcode is in, else to the site's council. Its response
    target and consent wording version are that council's.

    Idempotent: submitting the same draft again (a refresh, a double tap, a retry on a
    flaky network) returns the request made the first time.
    """
    try:
        return _help_request_create(draft=draft, site_council=council)
    except IntegrityError:
        # Another submission of this draft won the race; its request is the answer.
        return HelpRequest.objects.get(idempotency_key=draft.idempotency_key)


@transaction.atomic
def _help_request_create(*, draft: HelpRequestDraft, site_council: Council | None) -> HelpRequest:
    draft = HelpRequestDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.help_request_id is not None:
        return draft.help_request
    answers = draft.answers
    incomplete = journey.first_incomplete(answers)
    if incomplete is not None:
        raise ValueError(f"Draft {draft.pk} is not complete: {incomplete.slug}")

    who = answers["who"]
    about = answers["about-you"]
    contact = answers["safe-contact"]
    language = answers["language"]
    happening = answers["whats-happening"]
    other = answers["other-agencies"]
    route = answers.get(journey.ROUTE, {})

    locality = None
    nearest_town = False
    if route.get("kind") == RouteKind.LOCALITY:
        locality = Locality.objects.filter(slug=route.get("locality")).first()
    elif route.get("kind") == RouteKind.UNKNOWN:
        town = answers.get("nearest-town", {}).get("town")
        locality = Locality.objects.filter(slug=town).first()
        nearest_town = True
    council = routed_council(route, site_council=site_council, locality=locality)

    reasons = help_request_urgency(
        needs=happening.get("needs", []),
        safe_now=happening.get("safe_now"),
        texts=[
            happening.get("description", ""),
            answers["help-wanted"].get("help_wanted") or "",
            other.get("who", ""),
        ],
        phrases=active_phrases(),
    )
    flagged = bool(reasons)
    today = timezone.localdate()
    target_days = first_contact_working_days(council, urgent=flagged)
    help_request = HelpRequest.objects.create(
        reference=_unique_reference(),
        council=council,
        idempotency_key=draft.idempotency_key,
        requester_type=who["requester_type"],
        locality=locality,
        in_mash_queue=flagged,
        safeguarding_flag=flagged,
        safeguarding_reasons=reasons,
        first_name=about["first_name"],
        last_name=about.get("last_name", ""),
        date_of_birth=_date(about.get("date_of_birth")),
        phone=about["phone"],
        email=about.get("email", ""),
        postcode=about["postcode"],
        nearest_town=nearest_town,
        preferred_language=language["language"],
        other_language=language.get("other_language", "")
        if language["language"] == OTHER_LANGUAGE
        else "",
        interpreter_needed=language["interpreter"] == Answer.YES,
        bsl_needed=language["bsl"] == Answer.YES,
        description=happening.get("description", ""),
        not_safe_now=is_unsafe(happening.get("safe_now")),
        help_wanted=answers["help-wanted"].get("help_wanted") or "",
        other_agencies=other.get("who", "") if other.get("involved") == Answer.YES else "",
        respond_by=add_working_days(today, target_days),
    )
    SafeContact.objects.create(
        help_request=help_request,
        may_text=contact["may_text"] == Answer.YES,
        may_leave_voicemail=contact["may_leave_voicemail"] == Answer.YES,
        safe_times=contact.get("safe_times", []),
        safe_times_note=contact.get("safe_times_note", ""),
        may_post_letters=contact["may_post_letters"] == Answer.YES,
    )
    if journey.journey_of(answers) != journey.YOUNG_PERSON:
        Child.objects.bulk_create(
            [
                _child_from_answers(help_request, child)
                for child in answers.get(journey.CHILDREN, [])
            ]
        )
    HelpRequestNeed.objects.bulk_create(
        [
            HelpRequestNeed(help_request=help_request, need=need)
            for need in happening.get("needs", [])
        ]
    )
    Consent.objects.create(
        help_request=help_request,
        given=answers["consent"]["consent"] == Answer.YES,
        wording_version=(council.consent_wording_version if council else "")
        or CONSENT_WORDING_VERSION,
    )
    _event(help_request, EventKind.SUBMITTED, "Request submitted by the family")
    if flagged:
        _event(
            help_request, EventKind.ROUTED, "Routed to MASH duty: urgent signals", reasons=reasons
        )
        mash_alert_raise(help_request=help_request, reason="urgent_request")
    elif locality is not None:
        _event(
            help_request,
            EventKind.ROUTED,
            f"Routed to {locality.team_name}",
            locality=locality.slug,
        )
    else:
        _event(
            help_request,
            EventKind.ROUTED,
            "Town not known: waiting for a service manager to route it",
        )
    _re_referrals_link(help_request)
    status_spells_refresh(help_request=help_request)
    sms_queue(help_request=help_request, key=SmsTemplateKey.REQUEST_RECEIVED)
    webhook_event_raise(event=WebhookEvent.REQUEST_SUBMITTED, help_request=help_request)
    if flagged:
        webhook_event_raise(event=WebhookEvent.REQUEST_URGENT, help_request=help_request)

    draft.help_request = help_request
    draft.answers = {}  # the request now holds the answers; the draft keeps nothing personal
    draft.resume_code_hash = ""
    draft.save()
    logger.info("Help request %s submitted (flagged=%s)", help_request.reference, flagged)
    return help_request


def _re_referrals_link(help_request: HelpRequest) -> None:
    """Link earlier requests of the past year from the same phone, or about the same child."""
    since = help_request.submitted_at - RE_REFERRAL_WINDOW
    earlier = HelpRequest.objects.filter(submitted_at__gte=since).exclude(pk=help_request.pk)
    links = []
    if help_request.phone:
        for match in earlier.filter(phone=help_request.phone).values_list("pk", flat=True):
            links.append(
                ReReferral(
                    help_request=help_request,
                    earlier_id=match,
                    matched_on=ReReferralMatch.SAME_PHONE,
                )
            )
    child_match = Q()
    for child in help_request.children.exclude(date_of_birth=None):
        child_match |= Q(
            children__first_name__iexact=child.first_name,
            children__date_of_birth=child.date_of_birth,
        )
    if child_match and help_request.postcode:
        matches = (
            earlier.filter(child_match, postcode=help_request.postcode)
            .values_list("pk", flat=True)
            .distinct()
        )
        for match in matches:
            links.append(
                ReReferral(
                    help_request=help_request,
                    earlier_id=match,
                    matched_on=ReReferralMatch.SAME_CHILD,
                )
            )
    ReReferral.objects.bulk_create(links, ignore_conflicts=True)
