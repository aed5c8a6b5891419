"""Short public references like FV-7K3Q9: easy to read aloud, no 0/O or 1/I to confuse."""

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PREFIX = "FV-"


def new_reference(length: int = 5) -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_resume_code(length: int = 8) -> str:
    """A one-time code to carry on a draft on another device, shown as two groups of 4."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(typed: str) -> str:
    """Codes are forgiving about case, spaces and dashes."""
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())
