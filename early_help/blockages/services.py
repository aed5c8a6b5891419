"""Writes for blockages: a worker says a request is waiting, and that the wait is over.

Each writes a timeline event, a Wagtail log entry and an audit record in one transaction,
as the staff queue's actions do. The timeline event's data is exactly
`{"blockage": pk, "reason": reason pk, "other_agency": bool}`: the time-in-status figures
derive waiting for other agencies from it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..help_requests.models import EventKind, HelpRequest, RequestEvent
from ..staff_access.models import AuditAction
from ..staff_access.permissions import Action, can
from ..staff_access.services import audit_record
from ..waiting_times.services import status_spells_refresh
from .models import Blockage, BlockageReason


def _record(help_request: HelpRequest, user, kind: str, summary: str, action: str, blockage):
    data = {
        "blockage": blockage.pk,
        "reason": blockage.reason_id,
        "other_agency": blockage.reason.waits_on_other_agency,
    }
    RequestEvent.objects.create(
        help_request=help_request, kind=kind, actor=user, summary=summary, data=data
    )
    log(instance=help_request, action=f"early_help.{action}", user=user, data={"summary": summary})
    audit_record(user=user, action=AuditAction.CHANGED, help_request=help_request, summary=summary)
    status_spells_refresh(help_request=help_request)


def _locked(help_request: HelpRequest) -> HelpRequest:
    # Two workers marking the same request at once take turns here; the constraint of one
    # open wait per request is the backstop.
    return HelpRequest.objects.select_for_update().get(pk=help_request.pk)


@transaction.atomic
def blockage_start(*, help_request: HelpRequest, user, reason: BlockageReason) -> Blockage:
    """Mark the request as waiting for `reason`. The clock runs until `blockage_clear`.

    Raises ValidationError, changing nothing, when the request is finished, already
    waiting, or the reason is no longer offered.
    """
    if not can(user, Action.WORK, help_request):
        raise PermissionDenied
    help_request = _locked(help_request)
    if not help_request.is_open:
        raise ValidationError(_("A closed or withdrawn request cannot be marked as waiting."))
    if not reason.active:
        raise ValidationError(_("Choose a reason from the list."))
    if Blockage.objects.open().filter(help_request=help_request).exists():
        raise ValidationError(_("This request is already waiting. Say the wait is over first."))
    blockage = Blockage.objects.create(
        help_request=help_request, reason=reason, started_by=user, started_at=timezone.now()
    )
    _record(
        help_request,
        user,
        EventKind.WAITING_STARTED,
        f"Waiting: {reason.name}"[:300],
        "waiting_started",
        blockage,
    )
    return blockage


@transaction.atomic
def blockage_clear(*, help_request: HelpRequest, user, because: str = "") -> Blockage | None:
    """End the request's wait: the worker says it is over, or (`because` given) the request
    closed, was withdrawn or went to MASH duty, which ends any wait it had.

    Returns the wait it ended; None when `because` is given and nothing was waiting.
    Raises ValidationError when a worker ends a wait that is not there.
    """
    if not can(user, Action.WORK, help_request):
        raise PermissionDenied
    _locked(help_request)
    blockage = (
        Blockage.objects.open().filter(help_request=help_request).select_related("reason").first()
    )
    if blockage is None:
        if because:
            return None
        raise ValidationError(_("This request is not waiting."))
    blockage.cleared_at = timezone.now()
    blockage.cleared_by = user
    blockage.save(update_fields=["cleared_at", "cleared_by"])
    summary = f"Waiting is over: {blockage.reason.name}" + (f" ({because})" if because else "")
    _record(
        help_request, user, EventKind.WAITING_CLEARED, summary[:300], "waiting_cleared", blockage
    )
    return blockage
