"""The rules of "Where is my request?": who may use it, the one-time code, and how a
request's progress reads to a family. Pure: no database.

Safety first (DESIGN.md rules 3 and 4): whoever types a reference is told the same thing
whether or not the reference exists and whether or not we may text, because "we cannot
text you" would itself tell a stranger something about the family.
"""

import datetime
import secrets
from enum import StrEnum

from django.utils.crypto import constant_time_compare, salted_hmac

from ..help_requests.models import HelpRequestStatus

CODE_DIGITS = 6
CODE_LIFETIME = datetime.timedelta(minutes=10)
# Wrong codes a request's code survives; after that it is dead and a new one is needed.
CODE_ATTEMPTS = 5
# How long a right code lets the family look, before they need a new one.
VERIFIED_FOR = datetime.timedelta(minutes=30)
# A closed request stays visible a while, so the family can see that it was closed.
VISIBLE_AFTER_FINISHING = datetime.timedelta(days=28)

# Per address, per hour: references looked up, and wrong codes typed.
REFERENCES_PER_HOUR = 10
WRONG_CODES_PER_HOUR = 10
# Per reference, per hour, from anywhere: codes sent. A stranger with a reference must not
# be able to make the family's phone buzz all evening.
CODES_PER_REFERENCE_PER_HOUR = 3

FAMILY_TEXT_MAX = 2000
REASON_MAX = 500

HASH_SALT = "early_help.tracking.code"


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def code_hash(*, help_request_id: int, code: str) -> str:
    """The code as we keep it: keyed with the site's secret and bound to its request, so
    a copy of the table does not give the codes back by trying a million numbers."""
    return salted_hmac(HASH_SALT, f"{help_request_id}:{code}", algorithm="sha256").hexdigest()


def code_matches(*, help_request_id: int, code: str, stored_hash: str) -> bool:
    return constant_time_compare(code_hash(help_request_id=help_request_id, code=code), stored_hash)


def normalise_typed_code(typed: str) -> str | None:
    """The digits of a typed code (spaces and dashes allowed), or None if it is not 6 digits."""
    digits = "".join(ch for ch in (typed or "") if not ch.isspace() and ch != "-")
    if len(digits) != CODE_DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def code_usable(*, expires_at: datetime.datetime, attempts: int, now: datetime.datetime) -> bool:
    return now < expires_at and attempts < CODE_ATTEMPTS


def may_track(
    *,
    tracking_allowed: bool,
    anonymised: bool,
    status: str,
    closed_at: datetime.datetime | None,
    now: datetime.datetime,
) -> bool:
    """Whether the family may see this request online at all: staff have not switched it
    off, its details are still kept, and it did not finish long ago."""
    if not tracking_allowed or anonymised:
        return False
    if status in HelpRequestStatus.finished():
        return closed_at is None or now - closed_at <= VISIBLE_AFTER_FINISHING
    return True


class FamilyStage(StrEnum):
    """Where a request is, in the words a family understands. Being with MASH duty reads
    like any request being looked at."""

    LOOKING = "looking"  # we have it and are looking at it
    WORKER_CHOSEN = "worker_chosen"  # someone is chosen, not yet in touch
    IN_TOUCH = "in_touch"  # the lead practitioner is working with them
    CLOSED = "closed"


def family_stage(*, status: str, first_contact_at, has_worker: bool) -> FamilyStage:
    if status in HelpRequestStatus.finished():
        return FamilyStage.CLOSED
    if first_contact_at is not None or status == HelpRequestStatus.IN_CONTACT:
        return FamilyStage.IN_TOUCH
    if status == HelpRequestStatus.ALLOCATED or (
        has_worker and status != HelpRequestStatus.PASSED_TO_MASH
    ):
        return FamilyStage.WORKER_CHOSEN
    return FamilyStage.LOOKING


def first_name_of(practitioner: str) -> str:
    """The lead practitioner as the family's page names them: the first name only."""
    words = (practitioner or "").split()
    return words[0] if words else ""
