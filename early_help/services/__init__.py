"""Writes. Every change to the domain goes through a function here.

Names are `<thing>_<action>`, arguments keyword-only, each call one transaction.
`journey` holds the family's side (drafts, submitting); `queue` the staff's actions.
"""

from .feedback import (
    feedback_acknowledge,
    feedback_record,
    feedback_record_action,
    feedback_urgency,
)
from .journey import (
    DRAFT_SESSION_KEY,
    MAX_FAILED_RESUMES,
    RESUME_CODE_SESSION_KEY,
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
    STAFF_TEMPLATES,
    TextNotAllowed,
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
    help_request_text,
    help_request_view,
    help_requests_export_record,
)
from .retention import retention_apply
from .sms import (
    sms_drain,
    sms_inbound,
    sms_process,
    sms_queue,
    sms_queue_to_number,
    sms_status_update,
)

__all__ = [
    "DRAFT_SESSION_KEY",
    "MAX_FAILED_RESUMES",
    "RESUME_CODE_SESSION_KEY",
    "STAFF_TEMPLATES",
    "TextNotAllowed",
    "ThirdPractitionerWarning",
    "draft_child_add",
    "draft_child_remove",
    "draft_resume",
    "draft_save_step",
    "draft_start",
    "drafts_delete_expired",
    "family_practitioners",
    "feedback_acknowledge",
    "feedback_record",
    "feedback_record_action",
    "feedback_urgency",
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
    "help_request_text",
    "help_request_view",
    "help_requests_export_record",
    "retention_apply",
    "sms_drain",
    "sms_inbound",
    "sms_process",
    "sms_queue",
    "sms_queue_to_number",
    "sms_status_update",
    "visitor_session_clear",
]
