"""What makes an answer urgent (DESIGN.md rule 7): one set of rules for help requests and
for feedback.

Any reason sends the request or the feedback to MASH duty at once. Reasons only ever add
help: they never stop anyone from sending. The rules take the active urgent phrases as an
argument (`shared.selectors.active_phrases`), so they are pure and testable alone.
"""

import re
from collections.abc import Iterable

from .answers import UNSAFE_ANSWERS

DOMESTIC_ABUSE_NOT_SAFE_NOW = "domestic_abuse_not_safe_now"
SAFETY_FROM_ABUSE = "safety_from_abuse_and_exploitation"
NOT_SAFE_WHERE_THEY_LIVE = "does_not_feel_safe_where_they_live"
PHRASE_PREFIX = "phrase:"

# The needs (help_requests.models.Need values) that are urgent by themselves, or with an
# unsafe answer to "are you safe right now?".
URGENT_NEED = "safety"
URGENT_WHEN_UNSAFE_NEED = "domestic_abuse"

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


def is_unsafe(answer: str | None) -> bool:
    """ "No" or "I'm not sure" to a question about being safe."""
    return answer in UNSAFE_ANSWERS


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


def _phrase_reasons(texts: Iterable[str], phrases: list[str]) -> list[str]:
    reasons: list[str] = []
    for text in texts:
        for phrase in phrases_in(text or "", phrases):
            reason = PHRASE_PREFIX + phrase
            if reason not in reasons:
                reasons.append(reason)
    return reasons


def help_request_urgency(
    *, needs: Iterable[str], safe_now: str | None, texts: Iterable[str], phrases: list[str]
) -> list[str]:
    """Why a request must go to MASH duty now; an empty list when nothing signals it."""
    needs = set(needs)
    reasons = []
    if URGENT_WHEN_UNSAFE_NEED in needs and is_unsafe(safe_now):
        reasons.append(DOMESTIC_ABUSE_NOT_SAFE_NOW)
    if URGENT_NEED in needs:
        reasons.append(SAFETY_FROM_ABUSE)
    return reasons + _phrase_reasons(texts, phrases)


def feedback_urgency(
    *, feels_safe: str | None, texts: Iterable[str], phrases: list[str]
) -> list[str]:
    """Why this feedback must reach MASH duty now; empty when nothing signals it."""
    reasons = [NOT_SAFE_WHERE_THEY_LIVE] if is_unsafe(feels_safe) else []
    return reasons + _phrase_reasons(texts, phrases)
