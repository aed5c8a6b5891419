"""Short public references like FV-7K3Q9: easy to read aloud, no 0/O or 1/I to confuse."""

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PREFIX = "FV-"
REFERENCE_LENGTH = 5


def new_reference(length: int = REFERENCE_LENGTH) -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_reference(typed: str) -> str | None:
    """A reference as we store it (FV-7K3Q9), however it was typed: any case, spaces or
    dashes, with or without FV. None when it cannot be one of ours."""
    compact = normalise_code(typed)
    if len(compact) == len(PREFIX) - 1 + REFERENCE_LENGTH and compact.startswith("FV"):
        compact = compact[2:]
    if len(compact) != REFERENCE_LENGTH or any(ch not in ALPHABET for ch in compact):
        return None
    return PREFIX + compact


def new_resume_code(length: int = 8) -> str:
    """A one-time code to carry on a draft on another device, shown as two groups of 4."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(typed: str) -> str:
    """Codes are forgiving about case, spaces and dashes."""
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())
