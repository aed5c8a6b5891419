"""What a member of staff may do to a help request they can see.

Seeing is decided by `selectors.help_requests_visible_to` (out of scope is a 404);
acting is decided here (not allowed is a 403).
"""

from enum import StrEnum

from . import roles
from .models import HelpRequest


class Action(StrEnum):
    WORK = "work"  # claim, note, contact attempt, status, lead agency
    ASSIGN = "assign"
    PASS_TO_MASH = "pass_to_mash"  # noqa: S105 - an action name, not a password
    PASS_BACK = "pass_back"  # noqa: S105 - an action name, not a password
    ROUTE = "route"
    AUDIT = "audit"


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
        return user.is_superuser or user.has_perm(roles.AUDIT)
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
