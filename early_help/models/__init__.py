"""Every model of the app, wherever its capability keeps it.

The app label stays `early_help` and migrations refer to `early_help.models`; each model
lives in the package of the capability that owns it.
"""

from ..api_clients.models import ApiAccess, ApiClient
from ..asking_for_help.models import HelpRequestDraft, _draft_expiry
from ..blockages.models import Blockage, BlockageReason
from ..councils.models import Council, CouncilMembership
from ..feedback.models import (
    Feedback,
    FeedbackLink,
    FeedbackStatus,
    WorkerRole,
    _link_token,
)
from ..help_requests.models import (
    Child,
    Consent,
    EventKind,
    HelpRequest,
    HelpRequestLogEntry,
    HelpRequestNeed,
    HelpRequestQuerySet,
    HelpRequestStatus,
    Need,
    Outcome,
    RequesterType,
    RequestEvent,
    ReReferral,
    ReReferralMatch,
    ReReferralReason,
    SafeContact,
)
from ..localities.models import Locality, NeighbouringCouncil, PostcodeSector
from ..mash_duty.models import MashAlert, MashAlertChannel, MashDutySettings
from ..outgoing_webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEvent,
)
from ..scheduled_jobs.models import JobOutcome, JobRun
from ..shared.models import UrgentPhrase
from ..staff_access.models import AuditAction, AuditRecord, LocalityMembership
from ..staff_queue.models import ContinuityAlert, LeadAgency
from ..texts.models import (
    SMS_FORBIDDEN_WORDS,
    SMS_PLACEHOLDERS,
    OutboxMessage,
    SmsDirection,
    SmsOptOut,
    SmsStatus,
    SmsTemplate,
    SmsTemplateKey,
)
from ..tracking.models import TrackingCode
from ..waiting_times.models import Stage, StatusSpell
from ..workers.models import WorkerHeartbeat

__all__ = [
    "SMS_FORBIDDEN_WORDS",
    "SMS_PLACEHOLDERS",
    "ApiAccess",
    "ApiClient",
    "AuditAction",
    "AuditRecord",
    "Blockage",
    "BlockageReason",
    "Child",
    "Consent",
    "ContinuityAlert",
    "Council",
    "CouncilMembership",
    "EventKind",
    "Feedback",
    "FeedbackLink",
    "FeedbackStatus",
    "HelpRequest",
    "HelpRequestDraft",
    "HelpRequestLogEntry",
    "HelpRequestNeed",
    "HelpRequestQuerySet",
    "HelpRequestStatus",
    "JobOutcome",
    "JobRun",
    "LeadAgency",
    "Locality",
    "LocalityMembership",
    "MashAlert",
    "MashAlertChannel",
    "MashDutySettings",
    "Need",
    "NeighbouringCouncil",
    "OutboxMessage",
    "Outcome",
    "PostcodeSector",
    "ReReferral",
    "ReReferralMatch",
    "ReReferralReason",
    "RequestEvent",
    "RequesterType",
    "SafeContact",
    "SmsDirection",
    "SmsOptOut",
    "SmsStatus",
    "SmsTemplate",
    "SmsTemplateKey",
    "Stage",
    "StatusSpell",
    "TrackingCode",
    "UrgentPhrase",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookDeliveryStatus",
    "WebhookEndpoint",
    "WebhookEvent",
    "WorkerHeartbeat",
    "WorkerRole",
    "_draft_expiry",
    "_link_token",
]
