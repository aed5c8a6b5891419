"""Writes for MASH duty: raising an alert when something urgent arrives (DESIGN.md rule 7)."""

from django.db import transaction

from ..feedback.models import Feedback
from ..help_requests.models import HelpRequest
from .models import MashAlert
from .tasks import mash_alert_send


def mash_alert_raise(
    *, reason: str, help_request: HelpRequest | None = None, feedback: Feedback | None = None
) -> MashAlert:
    """Record that MASH duty must be told now, and tell them after the commit.

    The alert gives the reference and a link only. The task sends it once, however often
    it runs.
    """
    alert = MashAlert.objects.create(help_request=help_request, feedback=feedback, reason=reason)
    transaction.on_commit(lambda: mash_alert_send.enqueue(alert.pk))
    return alert
