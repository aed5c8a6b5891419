"""Writes. Every change to the domain goes through a function here.

Names are `<thing>_<action>`, arguments keyword-only, each call one transaction.
`journey` holds the family's side (drafts, submitting); `queue` the staff's actions.
"""

from .journey import (
    DRAFT_SESSION_KEY,
    MAX_FAILED_RESUMES,
    RESUME_CODE_SESSION_KEY,
    SUBMITTED_SESSION_KEY,
    draft_child_add,
    draft_child_remove,
    draft_resume,
    draft_save_step,
    draft_start,
    drafts_delete_expired,
    help_request_submit,
    visitor_session_clear,
)
from .queue import (
    ThirdPractitionerWarning,
    family_practitioners,
    help_request_add_note,
    help_request_assign,
    help_request_change_status,
    help_request_claim,
    help_request_pass_back,
    help_request_pass_to_mash,
    help_request_record_contact,
    help_request_route,
    help_request_set_lead,
    help_request_view,
    help_requests_export_record,
)

__all__ = [
    "DRAFT_SESSION_KEY",
    "MAX_FAILED_RESUMES",
    "RESUME_CODE_SESSION_KEY",
    "SUBMITTED_SESSION_KEY",
    "ThirdPractitionerWarning",
    "draft_child_add",
    "draft_child_remove",
    "draft_resume",
    "draft_save_step",
    "draft_start",
    "drafts_delete_expired",
    "family_practitioners",
    "help_request_add_note",
    "help_request_assign",
    "help_request_change_status",
    "help_request_claim",
    "help_request_pass_back",
    "help_request_pass_to_mash",
    "help_request_record_contact",
    "help_request_route",
    "help_request_set_lead",
    "help_request_submit",
    "help_request_view",
    "help_requests_export_record",
    "visitor_session_clear",
]
