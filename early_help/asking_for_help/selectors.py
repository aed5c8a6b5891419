"""Reads for the request-for-help journey."""

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Q
from django.utils import timezone

from .models import HelpRequestDraft

# The session holds only the draft's key: the answers stay on the server.
DRAFT_SESSION_KEY = "help_request_draft"


def draft_for_session(session: SessionBase) -> HelpRequestDraft | None:
    """The visitor's draft: live, or already submitted (so a resubmit finds its request)."""
    key = session.get(DRAFT_SESSION_KEY)
    if not key:
        return None
    return (
        HelpRequestDraft.objects.select_related("help_request", "help_request__locality")
        .filter(Q(help_request__isnull=False) | Q(expires_at__gt=timezone.now()), key=key)
        .first()
    )
