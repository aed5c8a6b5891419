"""Reads for the shared rules."""

from .models import UrgentPhrase


def active_phrases() -> list[str]:
    """The urgent phrases staff have switched on, for `shared.safeguarding`."""
    return list(UrgentPhrase.objects.filter(active=True).values_list("phrase", flat=True))
