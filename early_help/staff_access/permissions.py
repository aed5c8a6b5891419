"""What a member of staff may do to a help request they can see.

Seeing is decided by `staff_queue.selectors.help_requests_visible_to` (out of scope is a
404); acting is decided here (not allowed is a 403).
"""

from enum import StrEnum

from ..help_requests.models import HelpRequest
from . import roles


class Action(StrEnum):
    WORK = "work"  # claim, note, contact attempt, status, lead agency
    ASSIGN = "assign"
    PASS_TO_MASH = "pass_to_mash"  # noqa: S105 - an action name, not a password
    PASS_BACK = "pass_back"  # noqa: S105 - an action name, not a password
    ROUTE = "route"
    AUDIT = "audit"


def can_use_queue(user) -> bool:
    """Staff who work with requests. Comms editors reach the admin for pages only."""
    return user.is_active and (
        user.is_superuser or any(user.has_perm(p) for p in (roles.WORK, roles.VIEW_ALL, roles.MASH))
    )


def can_see_who_viewed(user) -> bool:
    """Who opened a record is the administrators' to know: the audit page and the
    "viewed" lines of a timeline. Everyone's viewing is audited all the same."""
    return user.is_active and (user.is_superuser or user.has_perm(roles.AUDIT))


def can_read_feedback(user) -> bool:
    """Managers, MASH duty, service managers and administrators read feedback."""
    return user.is_active and (
        user.is_superuser
        or any(user.has_perm(p) for p in (roles.VIEW_ALL, roles.MASH, roles.ASSIGN))
    )


def can_act_on_feedback(user) -> bool:
    """Acknowledge it and record "you said, we did": the worker's managers and MASH duty."""
    return user.is_active and (
        user.is_superuser or user.has_perm(roles.ASSIGN) or user.has_perm(roles.MASH)
    )


def can_download_qr_codes(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.has_perm(roles.ASSIGN) or user.has_perm(roles.VIEW_ALL)
    )


def can_manage_feedback_links(user) -> bool:
    """Whether revoking and reissuing workers' feedback links is part of this person's job
    at all: managers (their own towns' links) and administrators (any)."""
    return user.is_active and (user.is_superuser or user.has_perm(roles.ASSIGN))


def can_manage_feedback_link(user, link) -> bool:
    """Revoke or reissue this worker's feedback link: managers for their own towns' teams,
    administrators for any. Service managers (read only) may not."""
    if not can_manage_feedback_links(user):
        return False
    if user.is_superuser or user.has_perm(roles.VIEW_ALL):  # administrators
        return True
    return (
        link.team_id is not None
        and user.locality_memberships.filter(locality_id=link.team_id).exists()
    )


def can_see_reports(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(roles.REPORTS))


def can_export(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(roles.EXPORT))


def can_read_all_texts(user) -> bool:
    """The Texts page: replies nobody could match wait there for MASH duty and managers."""
    return user.is_active and (
        user.is_superuser or user.has_perm(roles.VIEW_ALL) or user.has_perm(roles.MASH)
    )


def _in_work_scope(user, help_request: HelpRequest) -> bool:
    if user.is_superuser:
        return True
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
        return (
            user.is_superuser or user.has_perm(roles.ROUTE)
        ) and help_request.locality_id is None
    if action == Action.PASS_BACK:
        return (user.is_superuser or user.has_perm(roles.MASH)) and help_request.in_mash_queue
    if action == Action.PASS_TO_MASH:
        return (
            (user.is_superuser or user.has_perm(roles.WORK))
            and not help_request.in_mash_queue
            and _in_work_scope(user, help_request)
        )
    if action == Action.ASSIGN:
        return (user.is_superuser or user.has_perm(roles.ASSIGN)) and _in_work_scope(
            user, help_request
        )
    return (user.is_superuser or user.has_perm(roles.WORK)) and _in_work_scope(user, help_request)


def can_export_audit_trail(user) -> bool:
    """The whole audit trail, for the council's information governance team: administrators."""
    return user.is_active and (user.is_superuser or user.has_perm(roles.AUDIT))
