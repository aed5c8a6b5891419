"""Wagtail loads this module; each capability registers its own admin screens."""

from .api_clients import wagtail_hooks as api_clients_hooks
from .blockages import wagtail_hooks as blockages_hooks
from .councils import wagtail_hooks as councils_hooks
from .feedback import wagtail_hooks as feedback_hooks
from .localities import wagtail_hooks as localities_hooks
from .outgoing_webhooks import wagtail_hooks as outgoing_webhooks_hooks
from .scheduled_jobs import wagtail_hooks as scheduled_jobs_hooks
from .shared import wagtail_hooks as shared_hooks
from .staff_access import wagtail_hooks as staff_access_hooks
from .staff_queue import wagtail_hooks as staff_queue_hooks
from .texts import wagtail_hooks as texts_hooks

__all__ = [
    "api_clients_hooks",
    "blockages_hooks",
    "councils_hooks",
    "feedback_hooks",
    "localities_hooks",
    "outgoing_webhooks_hooks",
    "scheduled_jobs_hooks",
    "shared_hooks",
    "staff_access_hooks",
    "staff_queue_hooks",
    "texts_hooks",
]
