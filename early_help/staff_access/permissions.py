"""What a member of staff may do to a help request they can see.

Seeing is decided by `staff_queue.selectors.help_requests_visible_to` (out of scope is a
404); acting is decided here (not allowed is a 403).
"""

from enum import StrEnum

from ..councils.models import Council
from ..help_requests.models import HelpRequest
from . import roles


class Action(StrEnum):
    WORK = "work"  # claim, note, contact attempt, status, lead agency
    ASSIGN = "assign"
    PASS_TO_MASH = "pass_to_mash"  # noqa: S105 - an action name, not a password
    PASS_BACK = "pass_back"  # noqa: S105 - an action name, not a password
    ROUTE = "route"
    AUDIT = "audit"


def holds_any(user, *permissions: str) -> bool:
    """An active member of staff with any of these permissions. Django's has_perm already
    says yes to an active superuser and no to anyone inactive."""
    return any(user.has_perm(permission) for permission in permissions)


def can_use_queue(user) -> bool:
    """Staff who work with requests. Comms editors reach the admin for pages only."""
    return holds_any(user, roles.WORK, roles.VIEW_ALL, roles.MASH)


def can_see_who_viewed(user) -> bool:
    """Who opened a record is the administrators' to know: the audit page and the
    "viewed" lines of a timeline. Everyone's viewing is audited all the same."""
    return holds_any(user, roles.AUDIT)


def can_read_feedback(user) -> bool:
    """Managers, MASH duty, service managers and administrators read feedback."""
    return holds_any(user, roles.VIEW_ALL, roles.MASH, roles.ASSIGN)


def can_act_on_feedback(user) -> bool:
    """Acknowledge it and record "you said, we did": the worker's managers and MASH duty."""
    return holds_any(user, roles.ASSIGN, roles.MASH)


def can_download_qr_codes(user) -> bool:
    return holds_any(user, roles.ASSIGN, roles.VIEW_ALL)


def can_manage_feedback_links(user) -> bool:
    """Whether revoking and reissuing workers' feedback links is part of this person's job
    at all: managers (their own towns' links) and administrators (any)."""
    return holds_any(user, roles.ASSIGN)


def can_manage_feedback_link(user, link) -> bool:
    """Revoke or reissue this worker's feedback link: managers for their own towns' teams,
    administrators for any. Service managers (read only) may not."""
    if not can_manage_feedback_links(user):
        return False
    if user.is_superuser:
        return True
    if holds_any(user, roles.VIEW_ALL):  # a council's administrators: its towns' links
        return (
            link.team_id is not None
            and Council.objects.of(user).filter(localities=link.team_id).exists()
        )
    return (
        link.team_id is not None
        and user.locality_memberships.filter(locality_id=link.team_id).exists()
    )


def can_see_reports(user) -> bool:
    return holds_any(user, roles.REPORTS)


def can_export(user) -> bool:
    return holds_any(user, roles.EXPORT)


def can_read_all_texts(user) -> bool:
    """The Texts page: replies nobody could match wait there for MASH duty and managers."""
    return holds_any(user, roles.VIEW_ALL, roles.MASH)


def can_see_region_reports(user) -> bool:
    """Figures for each council of the region, no personal data: region managers and the
    region's administrators."""
    return holds_any(user, roles.REGION_REPORTS)


def _in_work_scope(user, help_request: HelpRequest) -> bool:
    if user.is_superuser:
        return True
    if (
        help_request.council_id is None
        or not Council.objects.of(user).filter(pk=help_request.council_id).exists()
    ):
        return False
    if help_request.in_mash_queue:
        return user.has_perm(roles.MASH)
    return (
        help_request.locality_id is not None
        and user.locality_memberships.filter(locality_id=help_request.locality_id).exists()
    )


def can(user, action: Action, help_request: HelpRequest) -> bool:
    if not user.is_active:
        return False
    if action == Action.AUDIT:
        return can_see_who_viewed(user)
    if action == Action.ROUTE:
        return holds_any(user, roles.ROUTE) and help_request.locality_id is None
    if action == Action.PASS_BACK:
        return holds_any(user, roles.MASH) and help_request.in_mash_queue
    if action == Action.PASS_TO_MASH:
        return (
            holds_any(user, roles.WORK)
            and not help_request.in_mash_queue
            and _in_work_scope(user, help_request)
        )
    if action == Action.ASSIGN:
        return holds_any(user, roles.ASSIGN) and _in_work_scope(user, help_request)
    return holds_any(user, roles.WORK) and _in_work_scope(user, help_request)


def can_manage_api_clients(user) -> bool:
    """Create, change, rotate and revoke case systems' API clients: administrators."""
    return holds_any(user, "early_help.change_apiclient")


def can_export_audit_trail(user) -> bool:
    """The whole audit trail, for the council's information governance team: administrators."""
    return holds_any(user, roles.AUDIT)


def can_manage_webhooks(user) -> bool:
    """Register case systems' webhook addresses, see their deliveries and resend:
    administrators only, as for the API clients themselves."""
    return user.is_active and user.is_superuser
