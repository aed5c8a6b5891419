"""Urgent signals in what a family tells us (DESIGN.md rule 7).

Any one of these sends the request to MASH duty at once. They only ever add help: they
never stop anyone from sending a request.
"""

import re
from collections.abc import Iterable

from .models import Need, UrgentPhrase

DOMESTIC_ABUSE_NOT_SAFE_NOW = "domestic_abuse_not_safe_now"
SAFETY_FROM_ABUSE = "safety_from_abuse_and_exploitation"
PHRASE_PREFIX = "phrase:"

# The list every new installation starts with; staff edit it under Snippets.
DEFAULT_URGENT_PHRASES = [
    "not safe",
    "don't feel safe",
    "i'm scared",
    "scared to go home",
    "unhappy where i live",
    "going to hurt",
    "hit me",
    "hits me",
    "hurting me",
    "touched me",
    "kill myself",
    "kill me",
    "locked in",
]

# "Not sure" counts: someone unsure whether they are safe is treated as not safe.
UNSAFE_ANSWERS = {"no", "not_sure"}


def _normalise(text: str) -> str:
    text = text.casefold().replace("\u2019", "'")
    return re.sub(r"\s+", " ", text)


def phrases_in(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases found in the text, as whole words, ignoring capitals and extra spaces."""
    haystack = _normalise(text)
    found = []
    for phrase in phrases:
        needle = _normalise(phrase).strip()
        if needle and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack):
            found.append(phrase)
    return found


def active_phrases() -> list[str]:
    return list(UrgentPhrase.objects.filter(active=True).values_list("phrase", flat=True))


def help_request_urgency(
    *, needs: Iterable[str], safe_now: str | None, texts: Iterable[str]
) -> list[str]:
    """Why a request must go to MASH duty now; an empty list when nothing signals it."""
    needs = set(needs)
    reasons = []
    if Need.DOMESTIC_ABUSE in needs and safe_now in UNSAFE_ANSWERS:
        reasons.append(DOMESTIC_ABUSE_NOT_SAFE_NOW)
    if Need.SAFETY in needs:
        reasons.append(SAFETY_FROM_ABUSE)
    phrases = active_phrases()
    for text in texts:
        for phrase in phrases_in(text or "", phrases):
            reason = PHRASE_PREFIX + phrase
            if reason not in reasons:
                reasons.append(reason)
    return reasons
